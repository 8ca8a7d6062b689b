//! The money rules of awards: how much may be awarded, how an award splits
//! into tranches, what the ledger may accept, and paying in another
//! currency. Every amount is whole minor units; every check is exact.

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Currency, Money};

/// Why a money rule refused an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinanceError {
    /// An award or payment of zero or less.
    #[error("the amount must be more than zero")]
    NotPositive,
    /// Amounts in two currencies where one was expected.
    #[error("{found} is not in {expected}, the programme's currency")]
    WrongCurrency {
        /// The currency required.
        expected: Currency,
        /// The one given.
        found: Currency,
    },
    /// An award above what the proposal asked for.
    #[error("the award {award} is more than the {requested} requested")]
    AboveRequest {
        /// The award.
        award: Money,
        /// What the applicant asked for.
        requested: Money,
    },
    /// An award below the request with no reason given.
    #[error("an award below the {requested} requested needs a reason")]
    ReductionUnexplained {
        /// What the applicant asked for.
        requested: Money,
    },
    /// A commitment that would take the budget below zero.
    #[error("{amount} is more than the {remaining} that remains of the budget")]
    OverBudget {
        /// What was to be committed.
        amount: Money,
        /// What remains uncommitted.
        remaining: Money,
    },
    /// A payment that would take a grant's payments above its award.
    #[error("{amount} would bring the payments to more than the award of {award} ({paid} paid)")]
    OverAward {
        /// What was to be paid.
        amount: Money,
        /// The award.
        award: Money,
        /// What was already paid.
        paid: Money,
    },
    /// Tranche percentages that do not add up to 100, or a zero share.
    #[error("the tranche shares must be whole percentages above zero adding up to 100")]
    BadShares,
    /// A payment in another currency with no exchange rate.
    #[error("a payment in {paid} needs the exchange rate from {award}")]
    RateMissing {
        /// The award's currency.
        award: Currency,
        /// The payment's currency.
        paid: Currency,
    },
    /// An exchange rate that is not a positive decimal number.
    #[error("'{0}' is not an exchange rate: write a positive number such as 61.53")]
    BadRate(String),
    /// A rate given for a payment in the award's own currency, other than 1.
    #[error("a payment in {0} needs no exchange rate")]
    RateNotNeeded(Currency),
    /// A paid amount that does not match the tranche at the rate given.
    #[error("{tranche} at {rate} is {expected}; {paid} differs by more than one minor unit")]
    PaidAmountMismatch {
        /// The tranche's amount.
        tranche: Money,
        /// The rate given.
        rate: ExchangeRate,
        /// The tranche converted at that rate.
        expected: Money,
        /// The amount said to be paid.
        paid: Money,
    },
    /// A sum that does not fit in 64 bits.
    #[error("the amounts are too large to add up")]
    Overflow,
}

impl FinanceError {
    /// A short stable code for clients, e.g. `over_budget`.
    pub fn code(&self) -> &'static str {
        match self {
            FinanceError::NotPositive => "not_positive",
            FinanceError::WrongCurrency { .. } => "wrong_currency",
            FinanceError::AboveRequest { .. } => "above_request",
            FinanceError::ReductionUnexplained { .. } => "reason_required",
            FinanceError::OverBudget { .. } => "over_budget",
            FinanceError::OverAward { .. } => "over_award",
            FinanceError::BadShares => "bad_shares",
            FinanceError::RateMissing { .. } => "rate_required",
            FinanceError::BadRate(_) => "invalid_rate",
            FinanceError::RateNotNeeded(_) => "rate_not_needed",
            FinanceError::PaidAmountMismatch { .. } => "amount_mismatch",
            FinanceError::Overflow => "overflow",
        }
    }
}

/// Checks an award against the proposal's request: positive, in its
/// currency, at most the request, and a reason when it is lower.
pub fn check_award(
    requested: Money,
    award: Money,
    reason: Option<&str>,
) -> Result<(), FinanceError> {
    same_currency(requested.currency, award)?;
    if award.minor <= 0 {
        return Err(FinanceError::NotPositive);
    }
    if award.minor > requested.minor {
        return Err(FinanceError::AboveRequest { award, requested });
    }
    if award.minor < requested.minor && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(FinanceError::ReductionUnexplained { requested });
    }
    Ok(())
}

fn same_currency(expected: Currency, amount: Money) -> Result<(), FinanceError> {
    if amount.currency == expected {
        Ok(())
    } else {
        Err(FinanceError::WrongCurrency {
            expected,
            found: amount.currency,
        })
    }
}

/// Splits `award` into tranches of `percents` (whole percentages adding up
/// to 100): each share is rounded down to the minor unit and the rounding
/// remainder goes to the last tranche, so the parts add up to the award
/// exactly and no part is ever more than a minor unit per tranche off its share.
pub fn split_award(award: Money, percents: &[u8]) -> Result<Vec<Money>, FinanceError> {
    let total: u32 = percents.iter().map(|p| u32::from(*p)).sum();
    if percents.is_empty() || total != 100 || percents.contains(&0) {
        return Err(FinanceError::BadShares);
    }
    if award.minor <= 0 {
        return Err(FinanceError::NotPositive);
    }
    let whole = i128::from(award.minor);
    let mut parts = Vec::with_capacity(percents.len());
    let mut given = 0i128;
    for (i, p) in percents.iter().enumerate() {
        let part = if i + 1 == percents.len() {
            whole - given
        } else {
            whole * i128::from(*p) / 100
        };
        given += part;
        let minor = i64::try_from(part).map_err(|_| FinanceError::Overflow)?;
        parts.push(Money::new(minor, award.currency));
    }
    Ok(parts)
}

/// What a ledger entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An award promised: adds to committed.
    Commitment,
    /// A promise given back (a cancelled tranche, a terminated grant): subtracts from committed.
    Release,
    /// A payment: adds to disbursed.
    Disbursement,
}

impl EntryKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Commitment => "commitment",
            EntryKind::Release => "release",
            EntryKind::Disbursement => "disbursement",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        [
            EntryKind::Commitment,
            EntryKind::Release,
            EntryKind::Disbursement,
        ]
        .into_iter()
        .find(|k| k.as_str() == raw)
    }
}

/// Where a budget stands: what it is, what is promised, what is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Position {
    /// The budget (for a grant: its award).
    pub budget: Money,
    /// Awards promised and not released.
    pub committed: Money,
    /// Paid out.
    pub disbursed: Money,
}

impl Position {
    /// An empty position on `budget`.
    pub fn new(budget: Money) -> Self {
        let zero = Money::new(0, budget.currency);
        Self {
            budget,
            committed: zero,
            disbursed: zero,
        }
    }

    /// The position after an entry of `kind` for `minor` units (saturating:
    /// the ledger's checks keep real totals far from the limits).
    pub fn record(mut self, kind: EntryKind, minor: i64) -> Self {
        match kind {
            EntryKind::Commitment => {
                self.committed.minor = self.committed.minor.saturating_add(minor);
            }
            EntryKind::Release => self.committed.minor = self.committed.minor.saturating_sub(minor),
            EntryKind::Disbursement => {
                self.disbursed.minor = self.disbursed.minor.saturating_add(minor);
            }
        }
        self
    }

    /// The budget not yet promised.
    pub fn remaining(&self) -> Money {
        Money::new(
            self.budget.minor.saturating_sub(self.committed.minor),
            self.budget.currency,
        )
    }

    /// Promised but not yet paid.
    pub fn outstanding(&self) -> Money {
        Money::new(
            self.committed.minor.saturating_sub(self.disbursed.minor),
            self.budget.currency,
        )
    }

    /// Refuses a commitment of `amount` that the remaining budget cannot take.
    pub fn check_commitment(&self, amount: Money) -> Result<(), FinanceError> {
        same_currency(self.budget.currency, amount)?;
        if amount.minor <= 0 {
            return Err(FinanceError::NotPositive);
        }
        let remaining = self.remaining();
        if amount.minor > remaining.minor {
            return Err(FinanceError::OverBudget { amount, remaining });
        }
        Ok(())
    }

    /// Refuses a payment of `amount` that would pay more than the budget
    /// (for a grant, its award).
    pub fn check_disbursement(&self, amount: Money) -> Result<(), FinanceError> {
        same_currency(self.budget.currency, amount)?;
        if amount.minor <= 0 {
            return Err(FinanceError::NotPositive);
        }
        let after = self
            .disbursed
            .minor
            .checked_add(amount.minor)
            .ok_or(FinanceError::Overflow)?;
        if after > self.budget.minor {
            return Err(FinanceError::OverAward {
                amount,
                award: self.budget,
                paid: self.disbursed,
            });
        }
        Ok(())
    }
}

/// How many units of the payment's currency one unit of the award's buys,
/// e.g. `61.53` MKD per EUR. Positive, at most 12 decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "61.53")]
pub struct ExchangeRate(Decimal);

impl ExchangeRate {
    /// Reads a rate as written, with a `.` as the decimal separator.
    pub fn parse(raw: &str) -> Result<Self, FinanceError> {
        let bad = || FinanceError::BadRate(raw.to_owned());
        let text = raw.trim();
        if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(bad());
        }
        let rate = Decimal::from_str(text).map_err(|_| bad())?;
        if rate <= Decimal::ZERO || rate.scale() > 12 {
            return Err(bad());
        }
        Ok(Self(rate.normalize()))
    }

    /// The rate 1.
    pub fn one() -> Self {
        Self(Decimal::ONE)
    }

    /// `amount` in `to` at this rate, rounded to the nearest minor unit
    /// (halves away from zero).
    pub fn convert(self, amount: Money, to: Currency) -> Result<Money, FinanceError> {
        let major = Decimal::from_i128_with_scale(
            i128::from(amount.minor),
            u32::from(amount.currency.exponent()),
        );
        let converted = major
            .checked_mul(self.0)
            .ok_or(FinanceError::Overflow)?
            .checked_mul(Decimal::from(10i64.pow(u32::from(to.exponent()))))
            .ok_or(FinanceError::Overflow)?
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        let minor = i64::try_from(converted.mantissa() / 10i128.pow(converted.scale()))
            .map_err(|_| FinanceError::Overflow)?;
        Ok(Money::new(minor, to))
    }
}

impl std::fmt::Display for ExchangeRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<String> for ExchangeRate {
    type Error = FinanceError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<ExchangeRate> for String {
    fn from(rate: ExchangeRate) -> Self {
        rate.to_string()
    }
}

/// A payment of a tranche as it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Payment {
    /// What the ledger disburses: the tranche, in the award's currency.
    pub tranche: Money,
    /// What reached the payee, in the currency paid.
    pub paid: Money,
    /// Units of the paid currency per unit of the award's; 1 in the same currency.
    pub rate: ExchangeRate,
}

/// Checks what finance says was paid for a `tranche`: in the award's own
/// currency the paid amount is the tranche (a rate other than 1 is
/// refused); in another currency the rate is required and the paid amount,
/// when given, must be the converted tranche to within one minor unit (the
/// bank's rounding); when not given it is the converted tranche.
pub fn check_payment(
    tranche: Money,
    paid_currency: Currency,
    paid_amount: Option<i64>,
    rate: Option<ExchangeRate>,
) -> Result<Payment, FinanceError> {
    let rate = match (paid_currency == tranche.currency, rate) {
        (true, None) => ExchangeRate::one(),
        (true, Some(r)) if r == ExchangeRate::one() => r,
        (true, Some(_)) => return Err(FinanceError::RateNotNeeded(paid_currency)),
        (false, None) => {
            return Err(FinanceError::RateMissing {
                award: tranche.currency,
                paid: paid_currency,
            });
        }
        (false, Some(r)) => r,
    };
    let expected = rate.convert(tranche, paid_currency)?;
    let paid = Money::new(paid_amount.unwrap_or(expected.minor), paid_currency);
    if paid.minor <= 0 {
        return Err(FinanceError::NotPositive);
    }
    if paid.minor.abs_diff(expected.minor) > 1
        || (paid_currency == tranche.currency && paid != tranche)
    {
        return Err(FinanceError::PaidAmountMismatch {
            tranche,
            rate,
            expected,
            paid,
        });
    }
    Ok(Payment {
        tranche,
        paid,
        rate,
    })
}

#[cfg(test)]
mod tests;
