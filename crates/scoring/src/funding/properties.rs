//! Property tests: every policy against a straightforward reference, and
//! `optimal` against exhaustive enumeration and dynamic programming.

use proptest::collection::vec;
use proptest::prelude::*;

use super::*;
use crate::support::p;

const CODES: [&str; 3] = ["MK", "AL", "ME"];

fn cc(code: &str) -> CountryCode {
    CountryCode::parse(code).expect("a country code")
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Keep failures in the output, not in files beside the sources.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Candidates as drawn: country index, amount, score; positions 1, 2, 3, …
fn build(raw: &[(usize, i64, i64)]) -> Vec<Candidate> {
    raw.iter()
        .enumerate()
        .map(|(i, &(country, amount, score))| Candidate {
            proposal: p(i as u128 + 1),
            country: cc(CODES[country]),
            amount: Money::new(amount, Currency::EUR),
            score,
            position: i + 1,
        })
        .collect()
}

type RawRule = Option<(Option<u32>, Option<u8>)>;

fn build_rules(raw: &[RawRule]) -> Vec<CountryRule> {
    raw.iter()
        .zip(CODES)
        .filter_map(|(rule, code)| {
            rule.map(|(min_count, max_share_percent)| CountryRule {
                country: cc(code),
                min_count,
                max_share_percent,
            })
        })
        .collect()
}

/// Up to 12 candidates with small amounts, scores that tie and may be
/// negative, any budget up to what they request, and rules for some countries.
fn small() -> impl Strategy<Value = FundingInput> {
    (
        vec((0usize..3, 0i64..=60, -3i64..=20), 0..=12),
        0i64..=100,
        vec(
            proptest::option::of((
                proptest::option::of(0u32..=3),
                proptest::option::of(0u8..=100),
            )),
            3,
        ),
        any::<bool>(),
    )
        .prop_map(|(raw, percent, rules, with_rules)| {
            let candidates = build(&raw);
            let requested: i64 = candidates.iter().map(|c| c.amount.minor).sum();
            FundingInput {
                candidates,
                budget: Money::new(requested * percent / 100, Currency::EUR),
                policy: FundingPolicy::Optimal,
                country_rules: if with_rules {
                    build_rules(&rules)
                } else {
                    Vec::new()
                },
            }
        })
}

/// Each country's cap and minimum, by code.
fn limits(input: &FundingInput) -> BTreeMap<CountryCode, (Option<i64>, u32)> {
    input
        .country_rules
        .iter()
        .map(|r| {
            let cap = r
                .max_share_percent
                .map(|share| input.budget.minor * i64::from(share) / 100);
            (r.country, (cap, r.min_count.unwrap_or(0)))
        })
        .collect()
}

/// Whether `set` (a bit per candidate) fits the budget, the caps and, if
/// asked, the minimums.
fn feasible(input: &FundingInput, set: &[bool], minimums: bool) -> bool {
    let limits = limits(input);
    let mut total = 0;
    let mut by_country: BTreeMap<CountryCode, (i64, u32)> = BTreeMap::new();
    for (c, _) in input.candidates.iter().zip(set).filter(|(_, f)| **f) {
        total += c.amount.minor;
        let entry = by_country.entry(c.country).or_insert((0, 0));
        entry.0 += c.amount.minor;
        entry.1 += 1;
    }
    total <= input.budget.minor
        && limits.iter().all(|(country, (cap, min))| {
            let (amount, count) = by_country.get(country).copied().unwrap_or((0, 0));
            cap.is_none_or(|cap| amount <= cap) && (!minimums || count >= *min)
        })
}

fn score(input: &FundingInput, set: &[bool]) -> i64 {
    input
        .candidates
        .iter()
        .zip(set)
        .filter(|(_, f)| **f)
        .map(|(c, _)| c.score)
        .sum()
}

/// The chosen set by enumeration: the highest total, then the
/// lexicographically greatest in ranking order. `None` when nothing is feasible.
fn brute_force(input: &FundingInput) -> Option<Vec<bool>> {
    let n = input.candidates.len();
    let mut best: Option<(i64, Vec<bool>)> = None;
    for mask in 0u32..(1 << n) {
        let set: Vec<bool> = (0..n).map(|i| mask & (1 << i) != 0).collect();
        if !feasible(input, &set, true) {
            continue;
        }
        let total = score(input, &set);
        let better = match &best {
            None => true,
            // `Vec<bool>` compares lexicographically with true > false.
            Some((b, bset)) => total > *b || (total == *b && set > *bset),
        };
        if better {
            best = Some((total, set));
        }
    }
    best.map(|(_, set)| set)
}

fn funded(line: &FundingLine) -> Vec<bool> {
    line.decisions
        .iter()
        .map(|d| d.decision == Decision::Funded)
        .collect()
}

/// The reference walk: `strict` stops at the first that does not fit.
fn walk(input: &FundingInput, strict: bool) -> Vec<bool> {
    let limits = limits(input);
    let mut remaining = input.budget.minor;
    let mut by_country: BTreeMap<CountryCode, i64> = BTreeMap::new();
    let mut stopped = false;
    input
        .candidates
        .iter()
        .map(|c| {
            let spent = by_country.get(&c.country).copied().unwrap_or(0);
            let cap = limits.get(&c.country).and_then(|l| l.0);
            if stopped || cap.is_some_and(|cap| spent + c.amount.minor > cap) {
                return false;
            }
            if c.amount.minor > remaining {
                stopped = strict;
                return false;
            }
            remaining -= c.amount.minor;
            *by_country.entry(c.country).or_insert(0) += c.amount.minor;
            true
        })
        .collect()
}

/// Totals, country lines and reasons agree with the decisions.
fn check_line(input: &FundingInput, line: &FundingLine) -> Result<(), TestCaseError> {
    prop_assert_eq!(line.decisions.len(), input.candidates.len());
    let set = funded(line);
    let committed: i64 = input
        .candidates
        .iter()
        .zip(&set)
        .filter(|(_, f)| **f)
        .map(|(c, _)| c.amount.minor)
        .sum();
    prop_assert_eq!(line.committed.minor, committed);
    prop_assert_eq!(line.remaining.minor, input.budget.minor - committed);
    prop_assert!(line.remaining.minor >= 0);
    prop_assert_eq!(line.total_score, score(input, &set));
    prop_assert_eq!(line.funded_count, set.iter().filter(|f| **f).count());
    for (d, c) in line.decisions.iter().zip(&input.candidates) {
        prop_assert_eq!(d.proposal, c.proposal);
        prop_assert_eq!(d.decision, d.reason.decision());
    }
    for country in &line.countries {
        let mine: Vec<(&Candidate, bool)> = input
            .candidates
            .iter()
            .zip(set.iter().copied())
            .filter(|(c, _)| c.country == country.country)
            .collect();
        prop_assert_eq!(country.candidates, mine.len());
        prop_assert_eq!(country.funded_count, mine.iter().filter(|m| m.1).count());
        let amount: i64 = mine.iter().filter(|m| m.1).map(|m| m.0.amount.minor).sum();
        prop_assert_eq!(country.funded_amount.minor, amount);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn optimal_is_the_enumerated_best(input in small()) {
        match (brute_force(&input), fund(&input)) {
            (Some(expected), Ok(line)) => {
                prop_assert_eq!(funded(&line), expected);
                check_line(&input, &line)?;
            }
            (None, Err(FundingError::MinimumsInfeasible { shortfalls })) => {
                prop_assert!(!shortfalls.is_empty());
            }
            (expected, outcome) => {
                prop_assert!(false, "expected {:?}, got {:?}", expected, outcome);
            }
        }
    }

    #[test]
    fn strict_and_skip_follow_the_reference_walks(input in small()) {
        for (policy, strict) in [(FundingPolicy::StrictRank, true), (FundingPolicy::SkipToFit, false)] {
            let input = FundingInput { policy, ..input.clone() };
            let line = fund(&input).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(funded(&line), walk(&input, strict));
            prop_assert!(feasible(&input, &funded(&line), false));
            check_line(&input, &line)?;
        }
    }

    #[test]
    fn without_rules_optimal_beats_skip_beats_strict(input in small()) {
        let mut input = input;
        input.country_rules.clear();
        for c in &mut input.candidates {
            c.score = c.score.abs();
        }
        let total = |policy| {
            fund(&FundingInput { policy, ..input.clone() })
                .map(|l| l.total_score)
                .map_err(|e| TestCaseError::fail(e.to_string()))
        };
        let (strict, skip, best) = (
            total(FundingPolicy::StrictRank)?,
            total(FundingPolicy::SkipToFit)?,
            total(FundingPolicy::Optimal)?,
        );
        prop_assert!(best >= skip && skip >= strict, "{:?} {:?} {:?}", best, skip, strict);
    }

    #[test]
    fn the_order_of_rules_changes_nothing(input in small(), turn in 0usize..3) {
        let mut turned = input.clone();
        let turn = turn.min(turned.country_rules.len());
        turned.country_rules.rotate_left(turn);
        turned.country_rules.reverse();
        for policy in FundingPolicy::ALL {
            prop_assert_eq!(
                fund(&FundingInput { policy, ..input.clone() }),
                fund(&FundingInput { policy, ..turned.clone() })
            );
        }
    }
}

/// The chosen set by dynamic programming over the budget, with at most one
/// capped country (`cap`: its code index and cap): the highest total, then
/// lexicographically greatest, read off from the last candidate backwards.
fn dynamic(
    amounts: &[usize],
    scores: &[i64],
    countries: &[usize],
    budget: usize,
    cap: Option<(usize, usize)>,
) -> Vec<bool> {
    let n = amounts.len();
    let cap_width = cap.map_or(0, |c| c.1);
    let stride = (budget + 1) * (cap_width + 1);
    let index = |c: usize, k: usize| c * (cap_width + 1) + k;
    // best[i]: from candidate i on, with room c in all and k in the capped country.
    let mut best = vec![0i64; (n + 1) * stride];
    for i in (0..n).rev() {
        let capped = cap.is_some_and(|(country, _)| countries[i] == country);
        for c in 0..=budget {
            for k in 0..=cap_width {
                let skip = best[(i + 1) * stride + index(c, k)];
                let mut value = skip;
                let room = if capped { k } else { usize::MAX };
                if amounts[i] <= c && amounts[i] <= room {
                    let k2 = if capped { k - amounts[i] } else { k };
                    value =
                        value.max(best[(i + 1) * stride + index(c - amounts[i], k2)] + scores[i]);
                }
                best[i * stride + index(c, k)] = value;
            }
        }
    }
    let (mut c, mut k) = (budget, cap_width);
    (0..n)
        .map(|i| {
            let capped = cap.is_some_and(|(country, _)| countries[i] == country);
            let room = if capped { k } else { usize::MAX };
            if amounts[i] <= c && amounts[i] <= room {
                let k2 = if capped { k - amounts[i] } else { k };
                let with = best[(i + 1) * stride + index(c - amounts[i], k2)] + scores[i];
                if with == best[i * stride + index(c, k)] {
                    c -= amounts[i];
                    k = k2;
                    return true;
                }
            }
            false
        })
        .collect()
}

/// The candidates of a large draw: each amount drawn in hundreds, each
/// score scaled up a thousandfold.
fn build_large(raw: Vec<(usize, usize, i64)>) -> Vec<Candidate> {
    let raw: Vec<(usize, i64, i64)> = raw
        .into_iter()
        .map(|(country, hundreds, score)| (country, hundreds as i64 * 100, score * 1000))
        .collect();
    build(&raw)
}

/// Many candidates (enough for every step of the search to run), amounts
/// in whole hundreds, scores from a few reviews (so many tie), and at most
/// one capped country.
fn large() -> impl Strategy<Value = (FundingInput, Option<(usize, usize)>)> {
    (
        vec((0usize..3, 1usize..=6, 0i64..=40), 260..=300),
        20i64..=40,
        proptest::option::of(10u8..=40),
    )
        .prop_map(|(raw, percent, share)| {
            let candidates = build_large(raw);
            let requested: i64 = candidates.iter().map(|c| c.amount.minor).sum();
            let budget = requested * percent / 100 / 100 * 100;
            let rules = share.map_or_else(Vec::new, |share| {
                vec![CountryRule {
                    country: cc(CODES[0]),
                    min_count: None,
                    max_share_percent: Some(share),
                }]
            });
            let cap = share.map(|share| (0, (budget * i64::from(share) / 100 / 100) as usize));
            let input = FundingInput {
                candidates,
                budget: Money::new(budget, Currency::EUR),
                policy: FundingPolicy::Optimal,
                country_rules: rules,
            };
            (input, cap)
        })
}

proptest! {
    #![proptest_config(config(12))]

    #[test]
    fn optimal_is_the_programmed_best_on_many_candidates((input, cap) in large()) {
        let amounts: Vec<usize> = input.candidates.iter().map(|c| (c.amount.minor / 100) as usize).collect();
        let scores: Vec<i64> = input.candidates.iter().map(|c| c.score).collect();
        let countries: Vec<usize> = input
            .candidates
            .iter()
            .map(|c| CODES.iter().position(|code| cc(code) == c.country).unwrap_or(0))
            .collect();
        let expected = dynamic(&amounts, &scores, &countries, (input.budget.minor / 100) as usize, cap);
        let line = fund(&input).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(score(&input, &funded(&line)), score(&input, &expected));
        prop_assert_eq!(funded(&line), expected);
        check_line(&input, &line)?;
    }
}

/// Many candidates in three countries, each with a cap and a minimum drawn.
fn ruled() -> impl Strategy<Value = FundingInput> {
    (
        vec((0usize..3, 1usize..=8, 0i64..=40), 260..=300),
        vec((0u32..=40, 20u8..=60), 3),
    )
        .prop_map(|(raw, rules)| {
            let candidates = build_large(raw);
            let requested: i64 = candidates.iter().map(|c| c.amount.minor).sum();
            let rules = rules
                .iter()
                .zip(CODES)
                .map(|(&(min_count, share), code)| CountryRule {
                    country: cc(code),
                    min_count: Some(min_count),
                    max_share_percent: Some(share),
                })
                .collect();
            FundingInput {
                candidates,
                budget: Money::new(requested * 3 / 10 / 100 * 100, Currency::EUR),
                policy: FundingPolicy::Optimal,
                country_rules: rules,
            }
        })
}

proptest! {
    #![proptest_config(config(8))]

    /// No feasible set one step away (one more, one fewer, or one for
    /// another) has a higher total, or the same total and is lexicographically greater.
    #[test]
    fn optimal_cannot_be_improved_by_one_change(input in ruled()) {
        let line = match fund(&input) {
            Ok(line) => line,
            Err(FundingError::MinimumsInfeasible { .. }) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        check_line(&input, &line)?;
        let set = funded(&line);
        prop_assert!(feasible(&input, &set, true));
        let total = score(&input, &set);
        let limits = limits(&input);
        let mut by_country: BTreeMap<CountryCode, (i64, u32)> = BTreeMap::new();
        for (c, _) in input.candidates.iter().zip(&set).filter(|(_, f)| **f) {
            let entry = by_country.entry(c.country).or_insert((0, 0));
            entry.0 += c.amount.minor;
            entry.1 += 1;
        }
        let committed = line.committed.minor;
        let cs = &input.candidates;
        // Whether the set with `out` removed and `into` added is feasible and better.
        let better = |out: Option<usize>, into: Option<usize>| {
            let mut spent = committed;
            let mut countries = by_country.clone();
            let mut t = total;
            for (k, sign) in [(out, -1i64), (into, 1)] {
                if let Some(k) = k {
                    spent += sign * cs[k].amount.minor;
                    t += sign * cs[k].score;
                    let entry = countries.entry(cs[k].country).or_insert((0, 0));
                    entry.0 += sign * cs[k].amount.minor;
                    entry.1 = (i64::from(entry.1) + sign) as u32;
                }
            }
            let fits = spent <= input.budget.minor
                && limits.iter().all(|(country, (cap, min))| {
                    let (amount, count) = countries.get(country).copied().unwrap_or((0, 0));
                    cap.is_none_or(|cap| amount <= cap) && count >= *min
                });
            // Lexicographically greater: the first change (lowest index) is an addition.
            let greater = match (out, into) {
                (Some(o), Some(i)) => i < o,
                (None, Some(_)) => true,
                _ => false,
            };
            fits && (t > total || (t == total && greater))
        };
        for i in 0..set.len() {
            if set[i] {
                prop_assert!(!better(Some(i), None), "dropping {} improves", i);
                for j in (0..set.len()).filter(|&j| !set[j]) {
                    prop_assert!(!better(Some(i), Some(j)), "swapping {} for {} improves", i, j);
                }
            } else {
                prop_assert!(!better(None, Some(i)), "adding {} improves", i);
            }
        }
    }
}
