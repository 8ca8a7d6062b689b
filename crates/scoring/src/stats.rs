//! Summaries of review scores. Raw scores are whole score units, so their
//! summaries are exact; only what is shown is turned into points, as
//! floating-point numbers, at the end.

use std::cmp::Ordering;

use crate::exact::UNITS_PER_POINT;

/// Count, sum, extremes, median and variance of some scores in score units, exactly.
///
/// Exact for up to about 10^8 scores: far beyond any jury.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    /// How many scores.
    pub count: usize,
    /// Their sum.
    pub sum: u128,
    /// The lowest.
    pub min: u64,
    /// The highest.
    pub max: u64,
    /// Twice the median: the sum of the two middle scores for an even count,
    /// twice the middle one for an odd count; doubled so it stays whole.
    pub twice_median: u128,
    /// `count · Σ score² − (Σ score)²`, which is `count²` times the
    /// population variance: whole, and zero exactly when all scores are equal.
    pub scaled_variance: u128,
}

impl Summary {
    /// Summarises `scores` (sorting them in place), or `None` when there are none.
    pub fn of(scores: &mut [u64]) -> Option<Self> {
        scores.sort_unstable();
        let (&min, &max) = (scores.first()?, scores.last()?);
        let count = scores.len();
        let sum: u128 = scores.iter().map(|&s| u128::from(s)).sum();
        let sum_of_squares: u128 = scores.iter().map(|&s| u128::from(s) * u128::from(s)).sum();
        let middle = scores.len() / 2;
        let twice_median = if scores.len() % 2 == 1 {
            2 * u128::from(scores[middle])
        } else {
            u128::from(scores[middle - 1]) + u128::from(scores[middle])
        };
        Some(Self {
            count,
            sum,
            min,
            max,
            twice_median,
            // Never negative (Cauchy–Schwarz); saturating only to keep that obvious.
            scaled_variance: (count as u128 * sum_of_squares).saturating_sub(sum * sum),
        })
    }

    /// Compares the means exactly: `sum_a / count_a` against `sum_b / count_b`.
    pub fn cmp_mean(&self, other: &Self) -> Ordering {
        (self.sum * other.count as u128).cmp(&(other.sum * self.count as u128))
    }

    /// The mean, in points.
    pub fn mean_points(&self) -> f64 {
        // One division of two whole numbers: equal means give equal bits.
        self.sum as f64 / (self.count as f64 * UNITS_PER_POINT as f64)
    }

    /// The median, in points.
    pub fn median_points(&self) -> f64 {
        self.twice_median as f64 / (2.0 * UNITS_PER_POINT as f64)
    }

    /// Highest minus lowest, in score units.
    pub fn spread(&self) -> u64 {
        self.max - self.min
    }

    /// Highest minus lowest, in points.
    pub fn spread_points(&self) -> f64 {
        units_to_points(self.spread())
    }

    /// The population standard deviation, in points.
    pub fn std_dev_points(&self) -> f64 {
        (self.scaled_variance as f64).sqrt() / (self.count as f64 * UNITS_PER_POINT as f64)
    }

    /// How many standard deviations `score` lies above the mean; 0 when every
    /// score is the same.
    ///
    /// `(score − mean) / sd = (count·score − sum) / √scaled_variance`: the
    /// numerator is exact, so adding a constant to every score changes no bit.
    pub fn z(&self, score: u64) -> f64 {
        if self.scaled_variance == 0 {
            return 0.0;
        }
        let deviation = (i128::from(score) * self.count as i128) - self.sum as i128;
        deviation as f64 / (self.scaled_variance as f64).sqrt()
    }
}

/// Score units as points.
pub(crate) fn units_to_points(units: u64) -> f64 {
    units as f64 / UNITS_PER_POINT as f64
}

/// The mean of some floating-point values, summed in ascending order so
/// that it depends only on the multiset; `None` when there are none.
pub(crate) fn mean_of(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let (&min, &max) = (values.first()?, values.last()?);
    if min == max {
        // Summing equal values and dividing need not give the value back.
        return Some(min);
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    Some(mean.clamp(min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: u64 = UNITS_PER_POINT;

    #[test]
    fn nothing_has_no_summary() {
        assert_eq!(Summary::of(&mut []), None);
        assert_eq!(mean_of(&mut []), None);
    }

    #[test]
    fn median_of_an_odd_count_is_the_middle_score() {
        let s = Summary::of(&mut [90 * P, 10 * P, 40 * P]).unwrap();
        assert_eq!(s.median_points(), 40.0);
        assert_eq!(s.count, 3);
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_two_middle_scores() {
        let s = Summary::of(&mut [90 * P, 10 * P, 40 * P, 61 * P]).unwrap();
        assert_eq!(s.median_points(), 50.5);
    }

    #[test]
    fn mean_spread_and_population_standard_deviation() {
        let mut scores = [2, 4, 4, 4, 5, 5, 7, 9].map(|s| s * P);
        let s = Summary::of(&mut scores).unwrap();
        assert_eq!(s.mean_points(), 5.0);
        assert_eq!(s.std_dev_points(), 2.0);
        assert_eq!(s.spread_points(), 7.0);
        assert_eq!(s.z(9 * P), 2.0);
        assert_eq!(s.z(3 * P), -1.0);
    }

    #[test]
    fn equal_scores_have_no_deviation_and_a_z_of_zero() {
        let s = Summary::of(&mut [P / 3, P / 3, P / 3]).unwrap();
        assert_eq!(s.scaled_variance, 0);
        assert_eq!(
            (s.std_dev_points(), s.spread_points(), s.z(P / 3)),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn means_compare_exactly() {
        let a = Summary::of(&mut [1, 2]).unwrap();
        let b = Summary::of(&mut [0, 3]).unwrap();
        let c = Summary::of(&mut [1, 1, 2]).unwrap();
        assert_eq!(a.cmp_mean(&b), Ordering::Equal);
        assert_eq!(c.cmp_mean(&a), Ordering::Less);
    }

    #[test]
    fn shifting_every_score_keeps_every_z_to_the_bit() {
        let base = [3 * P + 1, 7 * P, 11 * P + 5, 2 * P];
        let a = Summary::of(&mut base.clone()).unwrap();
        let b = Summary::of(&mut base.map(|s| s + 17 * P + 3)).unwrap();
        for s in base {
            assert_eq!(a.z(s).to_bits(), b.z(s + 17 * P + 3).to_bits());
        }
    }

    #[test]
    fn the_mean_of_equal_floats_is_that_float() {
        assert_eq!(mean_of(&mut [0.1, 0.1, 0.1]), Some(0.1));
        assert_eq!(mean_of(&mut [1.0, 3.0, 2.0]), Some(2.0));
    }
}
