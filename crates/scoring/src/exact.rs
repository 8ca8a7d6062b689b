//! Exact arithmetic for review scores.
//!
//! A weighted score is a fraction whose denominator is the least common
//! multiple of the criteria's scale widths times their weights; computed in
//! floating point, two sheets worth exactly the same can differ in the last
//! bit (on a 0–10 scale, 1 and 2 give 15.000000000000002 points, 3 and 0 give
//! 15). That would hide true ties and turn a reviewer who always gives the
//! same score into one with a tiny spread, which z-scores blow up to ±1.
//! So a review's score is computed as an exact fraction and rounded once, to
//! a whole number of [`UNITS_PER_POINT`]; sums, means, medians and spreads
//! are then exact integer arithmetic.

use std::cmp::Ordering;

/// Score units in one point: a review's score is kept to a billionth of a point.
pub(crate) const UNITS_PER_POINT: u64 = 1_000_000_000;

/// Score units in the whole 0–100 range.
pub(crate) const FULL_SCALE: u64 = 100 * UNITS_PER_POINT;

/// One scored criterion: its weight, how many steps above the bottom of its
/// scale the score is, and the scale's width in steps (positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    pub weight: u64,
    pub steps: u64,
    pub width: u64,
}

/// `FULL_SCALE · Σ weight·steps/width / Σ weight`, rounded to the nearest
/// whole unit (halves up), exactly; `None` without terms or weight.
///
/// Each `steps` must be at most its `width`, so the result is at most `FULL_SCALE`.
pub(crate) fn weighted_units(terms: &[Term]) -> Option<u64> {
    let total_weight: u64 = terms.iter().map(|t| t.weight).sum();
    if total_weight == 0 || terms.iter().any(|t| t.width == 0) {
        return None;
    }
    // Common denominator: the least common multiple of the widths. With up
    // to 200 steps per scale it can outgrow any machine integer, hence `Big`.
    let lcm = terms.iter().fold(Big::from(1), |lcm, t| {
        let (_, rem) = lcm.div_small(t.width);
        lcm.mul_small(t.width / gcd(rem, t.width))
    });
    // numerator / lcm = Σ weight·steps/width
    let numerator = terms.iter().fold(Big::from(0), |sum, t| {
        let (share, _) = lcm.div_small(t.width);
        sum.add(&share.mul_small(t.weight * t.steps))
    });
    // The largest u with u ≤ FULL_SCALE·numerator/(lcm·W) + 1/2, i.e.
    // u · 2·lcm·W ≤ 2·FULL_SCALE·numerator + lcm·W.
    let step = lcm.mul_small(2 * total_weight);
    let bound = numerator
        .mul_small(2 * FULL_SCALE)
        .add(&lcm.mul_small(total_weight));
    let (mut low, mut high) = (0, FULL_SCALE);
    while low < high {
        let middle = low + (high - low).div_ceil(2);
        if step.mul_small(middle).cmp(&bound) == Ordering::Greater {
            high = middle - 1;
        } else {
            low = middle;
        }
    }
    Some(low)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A non-negative integer of any size: little-endian 64-bit limbs without
/// trailing zero limbs (zero has none). Just what [`weighted_units`] needs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u64>);

impl Big {
    fn from(value: u64) -> Self {
        Self(vec![value]).trimmed()
    }

    fn trimmed(mut self) -> Self {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    fn mul_small(&self, factor: u64) -> Self {
        let mut limbs = Vec::with_capacity(self.0.len() + 1);
        let mut carry: u128 = 0;
        for &limb in &self.0 {
            let product = u128::from(limb) * u128::from(factor) + carry;
            limbs.push(product as u64);
            carry = product >> 64;
        }
        limbs.push(carry as u64);
        Self(limbs).trimmed()
    }

    fn add(&self, other: &Self) -> Self {
        let len = self.0.len().max(other.0.len());
        let mut limbs = Vec::with_capacity(len + 1);
        let mut carry = false;
        for i in 0..len {
            let a = self.0.get(i).copied().unwrap_or(0);
            let b = other.0.get(i).copied().unwrap_or(0);
            let (sum, c1) = a.overflowing_add(b);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            limbs.push(sum);
            carry = c1 || c2;
        }
        limbs.push(u64::from(carry));
        Self(limbs).trimmed()
    }

    /// Quotient and remainder; `divisor` must not be zero.
    fn div_small(&self, divisor: u64) -> (Self, u64) {
        let mut limbs = vec![0; self.0.len()];
        let mut rem: u128 = 0;
        for (i, &limb) in self.0.iter().enumerate().rev() {
            let current = (rem << 64) | u128::from(limb);
            limbs[i] = (current / u128::from(divisor)) as u64;
            rem = current % u128::from(divisor);
        }
        (Self(limbs).trimmed(), rem as u64)
    }

    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn term(weight: u64, steps: u64, width: u64) -> Term {
        Term {
            weight,
            steps,
            width,
        }
    }

    fn big_value(big: &Big) -> u128 {
        big.0
            .iter()
            .rev()
            .fold(0, |acc, &limb| (acc << 64) | u128::from(limb))
    }

    #[test]
    fn equal_fractions_give_equal_units() {
        // In floating point these are 15.000000000000002 and 15.
        let a = weighted_units(&[term(1, 1, 10), term(1, 2, 10)]);
        let b = weighted_units(&[term(1, 3, 10), term(1, 0, 10)]);
        assert_eq!(a, Some(15 * UNITS_PER_POINT));
        assert_eq!(a, b);
    }

    #[test]
    fn thirds_round_to_the_nearest_unit_and_halves_round_up() {
        assert_eq!(weighted_units(&[term(1, 1, 3)]), Some(33_333_333_333));
        assert_eq!(weighted_units(&[term(1, 2, 3)]), Some(66_666_666_667));
        // 100 · 1/(2·10^11) points is half a unit.
        assert_eq!(
            weighted_units(&[term(1, 1, 2 * FULL_SCALE)]),
            Some(1),
            "a half rounds up"
        );
    }

    #[test]
    fn the_ends_are_exact() {
        assert_eq!(
            weighted_units(&[term(3, 7, 7), term(5, 4, 4)]),
            Some(FULL_SCALE)
        );
        assert_eq!(weighted_units(&[term(3, 0, 7), term(5, 0, 4)]), Some(0));
    }

    #[test]
    fn nothing_to_weigh_gives_nothing() {
        assert_eq!(weighted_units(&[]), None);
        assert_eq!(weighted_units(&[term(0, 1, 2)]), None);
        assert_eq!(weighted_units(&[term(1, 0, 0)]), None);
    }

    #[test]
    fn widths_whose_common_multiple_outgrows_128_bits_still_work() {
        // The primes between 100 and 200 multiply to far more than 2^128.
        let primes = [
            101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181,
            191, 193, 197, 199,
        ];
        let top: Vec<Term> = primes.iter().map(|&p| term(1000, p, p)).collect();
        assert_eq!(weighted_units(&top), Some(FULL_SCALE));
        let half: Vec<Term> = primes.iter().map(|&p| term(7, p / 2, p)).collect();
        let expected: f64 = primes
            .iter()
            .map(|&p| (p / 2) as f64 / p as f64)
            .sum::<f64>()
            / primes.len() as f64
            * FULL_SCALE as f64;
        let units = weighted_units(&half).unwrap();
        assert!(
            (units as f64 - expected).abs() < 2.0,
            "{units} vs {expected}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn big_arithmetic_agrees_with_u128(a in any::<u64>(), b in any::<u64>(), m in any::<u64>(), d in 1u64..) {
            let (x, y) = (Big::from(a).mul_small(m), Big::from(b));
            prop_assert_eq!(big_value(&x), u128::from(a) * u128::from(m));
            prop_assert_eq!(big_value(&x.add(&y)), u128::from(a) * u128::from(m) + u128::from(b));
            let (q, r) = x.div_small(d);
            let exact = u128::from(a) * u128::from(m);
            prop_assert_eq!((big_value(&q), u128::from(r)), (exact / u128::from(d), exact % u128::from(d)));
            prop_assert_eq!(x.cmp(&y), exact.cmp(&u128::from(b)));
        }

        #[test]
        fn units_are_the_fraction_rounded_half_up(
            terms in proptest::collection::vec((1u64..=1000, 0u64..=200, 1u64..=200), 1..=6),
        ) {
            let terms: Vec<Term> = terms.into_iter().map(|(w, s, r)| term(w, s.min(r), r)).collect();
            let units = weighted_units(&terms).unwrap();
            // Exact check in u128 where the common denominator fits (it does for ≤ 6 widths ≤ 200).
            let lcm = terms.iter().fold(1u128, |l, t| {
                let g = gcd((l % u128::from(t.width)) as u64, t.width);
                l * u128::from(t.width / g)
            });
            let numerator: u128 = terms.iter().map(|t| u128::from(t.weight * t.steps) * (lcm / u128::from(t.width))).sum();
            let weight: u128 = terms.iter().map(|t| u128::from(t.weight)).sum();
            let denominator = lcm * weight;
            let twice = 2 * u128::from(FULL_SCALE) * numerator;
            let expected = (twice + denominator) / (2 * denominator);
            prop_assert_eq!(u128::from(units), expected);
            prop_assert!(units <= FULL_SCALE);
        }
    }
}
