use proptest::prelude::*;

use super::*;

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn currency(code: &str) -> Currency {
    Currency::parse(code).expect("a known currency")
}

#[test]
fn the_programme_template_splits_sixty_thirty_ten() {
    let parts = split_award(eur(1_000_001), &[60, 30, 10]).expect("valid shares");
    assert_eq!(parts, vec![eur(600_000), eur(300_000), eur(100_001)]);
}

#[test]
fn shares_must_be_whole_positive_and_add_up_to_a_hundred() {
    for bad in [&[][..], &[50, 40], &[100, 0], &[60, 50]] {
        assert_eq!(split_award(eur(100), bad), Err(FinanceError::BadShares));
    }
    assert_eq!(split_award(eur(0), &[100]), Err(FinanceError::NotPositive));
}

#[test]
fn an_award_may_not_exceed_the_request_nor_be_cut_without_a_reason() {
    let requested = eur(500_000);
    assert_eq!(check_award(requested, eur(500_000), None), Ok(()));
    assert_eq!(
        check_award(requested, eur(500_001), Some("why")),
        Err(FinanceError::AboveRequest {
            award: eur(500_001),
            requested
        })
    );
    assert_eq!(
        check_award(requested, eur(400_000), Some("  ")),
        Err(FinanceError::ReductionUnexplained { requested })
    );
    assert_eq!(
        check_award(requested, eur(400_000), Some("travel costs cut")),
        Ok(())
    );
    assert_eq!(
        check_award(requested, eur(0), Some("x")),
        Err(FinanceError::NotPositive)
    );
    let mkd = Money::new(400_000, currency("MKD"));
    assert!(matches!(
        check_award(requested, mkd, Some("x")),
        Err(FinanceError::WrongCurrency { .. })
    ));
}

#[test]
fn the_ledger_refuses_to_commit_more_than_remains_or_pay_more_than_the_award() {
    let mut position = Position::new(eur(1_000));
    position.committed = eur(700);
    assert_eq!(position.remaining(), eur(300));
    assert_eq!(position.check_commitment(eur(300)), Ok(()));
    assert_eq!(
        position.check_commitment(eur(301)),
        Err(FinanceError::OverBudget {
            amount: eur(301),
            remaining: eur(300)
        })
    );
    let mut grant = Position::new(eur(500));
    grant.disbursed = eur(300);
    assert_eq!(grant.check_disbursement(eur(200)), Ok(()));
    assert!(matches!(
        grant.check_disbursement(eur(201)),
        Err(FinanceError::OverAward { .. })
    ));
    assert_eq!(
        grant.check_disbursement(eur(0)),
        Err(FinanceError::NotPositive)
    );
}

#[test]
fn rates_are_positive_decimals() {
    assert_eq!(
        ExchangeRate::parse("61.530").map(|r| r.to_string()),
        Ok("61.53".into())
    );
    for bad in ["", "0", "-1", "1,5", "abc", "1e3", "0.0000000000001"] {
        assert!(ExchangeRate::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_payment_in_local_currency_is_the_tranche_at_the_rate() {
    let mkd = currency("MKD");
    let rate = ExchangeRate::parse("61.53").expect("a rate");
    let payment = check_payment(eur(60_000), mkd, None, Some(rate)).expect("converted");
    assert_eq!(payment.paid, Money::new(3_691_800, mkd));
    // The bank rounded the other way: one minor unit is accepted.
    assert!(check_payment(eur(60_000), mkd, Some(3_691_801), Some(rate)).is_ok());
    assert!(matches!(
        check_payment(eur(60_000), mkd, Some(3_700_000), Some(rate)),
        Err(FinanceError::PaidAmountMismatch { .. })
    ));
    assert_eq!(
        check_payment(eur(60_000), mkd, None, None),
        Err(FinanceError::RateMissing {
            award: Currency::EUR,
            paid: mkd
        })
    );
    // Yen have no minor unit: 600.00 EUR at 161.255 is 96,753 JPY.
    let jpy = currency("JPY");
    let rate = ExchangeRate::parse("161.255").expect("a rate");
    assert_eq!(
        check_payment(eur(60_000), jpy, None, Some(rate)).map(|p| p.paid),
        Ok(Money::new(96_753, jpy))
    );
}

#[test]
fn a_payment_in_the_award_currency_is_exactly_the_tranche() {
    assert_eq!(
        check_payment(eur(60_000), Currency::EUR, None, None).map(|p| p.paid),
        Ok(eur(60_000))
    );
    assert!(check_payment(eur(60_000), Currency::EUR, Some(60_001), None).is_err());
    let two = ExchangeRate::parse("2").expect("a rate");
    assert_eq!(
        check_payment(eur(60_000), Currency::EUR, None, Some(two)),
        Err(FinanceError::RateNotNeeded(Currency::EUR))
    );
}

/// Whole percentages adding up to 100, in one to six tranches.
fn shares() -> impl Strategy<Value = Vec<u8>> {
    (1usize..=6).prop_flat_map(|n| {
        proptest::collection::vec(1u32..=100, n).prop_filter_map("positive shares", move |w| {
            // Spread 100 over n tranches in proportion to the weights, each at least 1.
            let total: u32 = w.iter().sum();
            let mut shares: Vec<u8> = w
                .iter()
                .map(|x| u8::try_from((x * (100 - n as u32) / total) + 1).ok())
                .collect::<Option<_>>()?;
            let sum: u32 = shares.iter().map(|s| u32::from(*s)).sum();
            let last = shares.last_mut()?;
            *last = u8::try_from(u32::from(*last) + 100 - sum).ok()?;
            Some(shares)
        })
    })
}

proptest! {
    #[test]
    fn tranches_add_up_exactly_to_any_award(award in 1i64..=i64::MAX / 2, shares in shares()) {
        let parts = split_award(eur(award), &shares).expect("valid shares");
        prop_assert_eq!(parts.len(), shares.len());
        let sum: i128 = parts.iter().map(|p| i128::from(p.minor)).sum();
        prop_assert_eq!(sum, i128::from(award));
        for (part, share) in parts.iter().zip(&shares) {
            let exact = i128::from(award) * i128::from(*share);
            prop_assert!(part.minor >= 0);
            // Each part but the last is its share rounded down; the last takes the remainders.
            prop_assert!(i128::from(part.minor) * 100 <= exact + 100 * shares.len() as i128);
        }
    }

    #[test]
    fn commitments_checked_one_by_one_never_exceed_the_budget(
        budget in 1i64..10_000_000,
        amounts in proptest::collection::vec(1i64..3_000_000, 0..30),
    ) {
        let mut position = Position::new(eur(budget));
        for amount in amounts {
            if position.check_commitment(eur(amount)).is_ok() {
                position.committed = position.committed.checked_add(eur(amount)).expect("small");
            }
            prop_assert!(position.committed.minor <= budget);
        }
    }

    #[test]
    fn a_converted_payment_always_passes_its_own_check(
        minor in 1i64..1_000_000_000,
        rate_thousandths in 1i64..1_000_000,
    ) {
        let rate = ExchangeRate::parse(&format!("{}.{:03}", rate_thousandths / 1000, rate_thousandths % 1000))
            .expect("a positive rate");
        let mkd = currency("MKD");
        let converted = rate.convert(eur(minor), mkd).expect("fits");
        let payment = check_payment(eur(minor), mkd, Some(converted.minor), Some(rate)).expect("consistent");
        prop_assert_eq!(payment.paid, converted);
    }
}

#[test]
fn entries_move_the_position_and_their_names_round_trip() {
    let position = Position::new(eur(1_000))
        .record(EntryKind::Commitment, 600)
        .record(EntryKind::Disbursement, 360)
        .record(EntryKind::Release, 100);
    assert_eq!(position.committed, eur(500));
    assert_eq!(position.disbursed, eur(360));
    assert_eq!(position.remaining(), eur(500));
    assert_eq!(position.outstanding(), eur(140));
    for kind in [
        EntryKind::Commitment,
        EntryKind::Release,
        EntryKind::Disbursement,
    ] {
        assert_eq!(EntryKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(EntryKind::parse("refund"), None);
}
