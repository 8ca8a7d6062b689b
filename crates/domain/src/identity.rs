//! Signing in with an organisation's account (OpenID Connect): which of
//! our accounts the provider's person is.

/// Which account a sign-in through a provider is, or why none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountMatch<U> {
    /// The account this provider's person signed in as before.
    Linked(U),
    /// The account with the address the provider vouches for: linked now.
    LinkByEmail(U),
    /// No account has the address the provider vouches for: a new
    /// applicant's, linked.
    CreateApplicant,
    /// The provider does not vouch for the address it gave (or gave none):
    /// nothing is linked or created, since anyone could claim any address.
    EmailUnverified,
}

/// Decides which account a sign-in through a provider is: the one linked
/// to the provider's person, else, only where the provider verified the
/// address, the account holding it, else a new applicant.
pub fn match_account<U>(
    linked: Option<U>,
    by_email: Option<U>,
    email_verified: bool,
) -> AccountMatch<U> {
    match (linked, by_email, email_verified) {
        (Some(user), _, _) => AccountMatch::Linked(user),
        (None, _, false) => AccountMatch::EmailUnverified,
        (None, Some(user), true) => AccountMatch::LinkByEmail(user),
        (None, None, true) => AccountMatch::CreateApplicant,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linked_person_is_their_account_whatever_the_address_says() {
        assert_eq!(
            match_account(Some(1), Some(2), false),
            AccountMatch::Linked(1)
        );
        assert_eq!(match_account(Some(1), None, true), AccountMatch::Linked(1));
    }

    #[test]
    fn only_a_verified_address_links_or_creates() {
        assert_eq!(
            match_account(None, Some(2), true),
            AccountMatch::LinkByEmail(2)
        );
        assert_eq!(
            match_account::<u8>(None, None, true),
            AccountMatch::CreateApplicant
        );
        assert_eq!(
            match_account(None, Some(2), false),
            AccountMatch::EmailUnverified
        );
        assert_eq!(
            match_account::<u8>(None, None, false),
            AccountMatch::EmailUnverified
        );
    }
}
