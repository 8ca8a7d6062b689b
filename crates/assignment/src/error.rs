//! Malformed input. An instance that cannot be fully staffed is not an
//! error: the shortfall is part of the [`Assignment`](crate::Assignment).

use grants_domain::{Locale, ProposalId, UserId};

use crate::Forbidden;

/// Which list of an instance (or argument of [`repair`](crate::repair)) a
/// pair came from, so errors say where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairList {
    /// [`Instance::forbidden`](crate::Instance::forbidden).
    Forbidden,
    /// [`Instance::pinned`](crate::Instance::pinned).
    Pinned,
    /// [`Instance::bids`](crate::Instance::bids).
    Bids,
    /// The `kept` pairs given to [`repair`](crate::repair).
    Kept,
}

impl std::fmt::Display for PairList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PairList::Forbidden => "a forbidden pair",
            PairList::Pinned => "a pinned pair",
            PairList::Bids => "a bid",
            PairList::Kept => "a kept pair",
        })
    }
}

/// Why an instance cannot be solved as given; the message says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentError {
    /// The same proposal appears twice in [`Instance::proposals`](crate::Instance::proposals).
    #[error("proposal {0} is listed twice")]
    DuplicateProposal(ProposalId),
    /// The same reviewer appears twice in [`Instance::reviewers`](crate::Instance::reviewers).
    #[error("reviewer {0} is listed twice")]
    DuplicateReviewer(UserId),
    /// A pair names a proposal that is not in the instance.
    #[error("{list} names proposal {proposal}, which is not among the proposals")]
    UnknownProposal {
        /// The unknown proposal.
        proposal: ProposalId,
        /// Where it was named.
        list: PairList,
    },
    /// A pair names a reviewer who is not in the instance.
    #[error("{list} names reviewer {reviewer}, who is not among the reviewers")]
    UnknownReviewer {
        /// The unknown reviewer.
        reviewer: UserId,
        /// Where they were named.
        list: PairList,
    },
    /// The same pair is pinned twice, kept twice, or bid on twice.
    #[error("{list} for proposal {proposal} and reviewer {reviewer} is given twice")]
    DuplicatePair {
        /// The proposal.
        proposal: ProposalId,
        /// The reviewer.
        reviewer: UserId,
        /// The list it is repeated in.
        list: PairList,
    },
    /// A reviewer's minimum load is above their maximum.
    #[error(
        "reviewer {reviewer} has a minimum load of {min_load}, above their maximum of {max_load}"
    )]
    MinLoadAboveMax {
        /// The reviewer.
        reviewer: UserId,
        /// Their minimum load.
        min_load: u16,
        /// Their maximum load.
        max_load: u16,
    },
    /// A pinned or kept pair is also forbidden.
    #[error(
        "{list} puts reviewer {reviewer} on proposal {proposal}, but the pair is forbidden ({why})"
    )]
    FixedPairForbidden {
        /// The proposal.
        proposal: ProposalId,
        /// The reviewer.
        reviewer: UserId,
        /// Why the pair is forbidden.
        why: Forbidden,
        /// Pinned or kept.
        list: PairList,
    },
    /// A pinned or kept pair's reviewer does not read the proposal's language.
    #[error("{list} puts reviewer {reviewer} on proposal {proposal}, which is in {}, a language they do not read", crate::language_name(*language))]
    FixedPairUnreadable {
        /// The proposal.
        proposal: ProposalId,
        /// The reviewer.
        reviewer: UserId,
        /// The proposal's language.
        language: Locale,
        /// Pinned or kept.
        list: PairList,
    },
    /// A reviewer has more pinned and kept pairs than their maximum load.
    #[error(
        "reviewer {reviewer} has {fixed} pinned or kept proposals, more than their maximum load of {max_load}"
    )]
    FixedBeyondMaxLoad {
        /// The reviewer.
        reviewer: UserId,
        /// Pinned and kept pairs.
        fixed: u32,
        /// Their maximum load.
        max_load: u16,
    },
    /// A proposal has more pinned and kept reviewers than it needs.
    #[error(
        "proposal {proposal} has {fixed} pinned or kept reviewers, more than the {needed} it needs"
    )]
    FixedBeyondNeed {
        /// The proposal.
        proposal: ProposalId,
        /// Pinned and kept pairs.
        fixed: u32,
        /// Reviewers it needs.
        needed: u16,
    },
    /// An affinity weight is outside the range that keeps sums exact.
    #[error("affinity weight {name} is {value}; it must lie between {min} and {max}")]
    WeightOutOfRange {
        /// The field of [`AffinityWeights`](crate::AffinityWeights).
        name: &'static str,
        /// Its value.
        value: i32,
        /// The lowest allowed.
        min: i32,
        /// The highest allowed.
        max: i32,
    },
    /// The instance has more candidate pairs than the solver can index.
    #[error("the instance has {pairs} candidate pairs; at most {limit} are supported")]
    TooLarge {
        /// Readable, non-forbidden pairs.
        pairs: u64,
        /// The limit.
        limit: u64,
    },
}
