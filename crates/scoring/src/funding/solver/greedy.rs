//! Step 2 of the search: a good feasible set from a greedy pass, whose
//! total the fixing and the search start from.

use super::Problem;

/// A feasible set from one greedy pass, with its total: by score per unit
/// of money, taking a candidate when it fits and the minimums can still be
/// met with the cheapest candidates left; then the cheapest candidates for
/// any minimum still short; then whatever else fits. `None` when the
/// minimums cannot be met at all.
pub(super) fn greedy(
    p: &Problem,
    caps: &[i64],
    eligible: &[bool],
    by_efficiency: &[usize],
) -> Option<i64> {
    let groups = p.groups.len();
    let mut cheapest: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for j in (0..p.amount.len()).filter(|&j| eligible[j]) {
        if p.groups[p.group[j]].min > 0 {
            cheapest[p.group[j]].push(j);
        }
    }
    for list in &mut cheapest {
        list.sort_by_key(|&j| (p.amount[j], j));
    }
    let mut taken = vec![false; p.amount.len()];
    let mut deficit: Vec<usize> = p.groups.iter().map(|g| g.min as usize).collect();
    // The cheapest way to meet group g's remaining minimum, skipping `skip`.
    let reserve = |g: usize, want: usize, taken: &[bool], skip: Option<usize>| -> Option<i64> {
        let mut sum = 0i64;
        let mut count = 0;
        for &j in &cheapest[g] {
            if count == want {
                break;
            }
            if !taken[j] && Some(j) != skip {
                sum += p.amount[j];
                count += 1;
            }
        }
        (count == want).then_some(sum)
    };
    let reserved: Option<Vec<i64>> = deficit
        .iter()
        .enumerate()
        .map(|(g, &want)| reserve(g, want, &taken, None))
        .collect();
    let mut reserved = reserved?;
    let mut committed = 0i64;
    let mut group_committed = vec![0i64; groups];
    if reserved.iter().sum::<i64>() > p.budget || (0..groups).any(|g| reserved[g] > caps[g]) {
        return None;
    }
    let mut value = 0i64;
    for &j in by_efficiency {
        let g = p.group[j];
        let a = p.amount[j];
        let new_reserve = if deficit[g] > 0 {
            match reserve(g, deficit[g] - 1, &taken, Some(j)) {
                Some(r) => r,
                None => continue,
            }
        } else {
            0
        };
        let others: i64 = reserved.iter().sum::<i64>() - reserved[g];
        if committed + a + others + new_reserve <= p.budget
            && group_committed[g] + a + new_reserve <= caps[g]
        {
            taken[j] = true;
            committed += a;
            group_committed[g] += a;
            value += p.score[j];
            deficit[g] = deficit[g].saturating_sub(1);
            reserved[g] = new_reserve;
        }
    }
    for g in 0..groups {
        let mut want = deficit[g];
        for &j in &cheapest[g] {
            if want == 0 {
                break;
            }
            if !taken[j] {
                taken[j] = true;
                committed += p.amount[j];
                group_committed[g] += p.amount[j];
                value += p.score[j];
                want -= 1;
            }
        }
    }
    for &j in by_efficiency {
        let g = p.group[j];
        if !taken[j]
            && committed + p.amount[j] <= p.budget
            && group_committed[g] + p.amount[j] <= caps[g]
        {
            taken[j] = true;
            committed += p.amount[j];
            group_committed[g] += p.amount[j];
            value += p.score[j];
        }
    }
    Some(value)
}
