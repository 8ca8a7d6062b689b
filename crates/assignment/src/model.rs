//! The instance the solver reads and the assignment it returns.

use grants_domain::{Locale, ProposalId, UserId};
use serde::{Deserialize, Serialize};

/// Everything needed to assign reviewers for one round: who needs how many
/// reviews, who can give them, which pairs may not meet, which are fixed in
/// advance, and what reviewers asked for.
///
/// This is also the JSON export format (`grants bench assignment --export`),
/// so the lists that are often empty may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    /// The proposals to review, in the order that breaks ties.
    pub proposals: Vec<ProposalNeed>,
    /// The jury, in the order that breaks ties.
    pub reviewers: Vec<ReviewerProfile>,
    /// Pairs that must never be assigned. A pair may be listed more than
    /// once (say, both conflicted and excluded); that is not an error.
    #[serde(default)]
    pub forbidden: Vec<ForbiddenPair>,
    /// Pairs a programme manager fixed by hand; they are always in the
    /// result and count against the proposal's need and the reviewer's load.
    #[serde(default)]
    pub pinned: Vec<(ProposalId, UserId)>,
    /// What reviewers said about proposals; a pair without a bid is neutral.
    #[serde(default)]
    pub bids: Vec<Bid>,
    /// How bids and shared expertise turn into affinity.
    #[serde(default)]
    pub weights: AffinityWeights,
}

/// A proposal and the reviews it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalNeed {
    /// The proposal.
    pub id: ProposalId,
    /// How many reviewers it needs (`k`, usually the programme's reviews per proposal).
    pub needed: u16,
    /// The language it is written in; `None` means every reviewer can read it.
    #[serde(default)]
    pub language: Option<Locale>,
    /// Subject tags, compared with reviewers' expertise ignoring case.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A reviewer and what they can take on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerProfile {
    /// The reviewer's account.
    pub id: UserId,
    /// Languages they read. A reviewer who reads none of them can still
    /// review proposals whose language is not given.
    #[serde(default)]
    pub languages: Vec<Locale>,
    /// Expertise tags, compared with proposals' tags ignoring case.
    #[serde(default)]
    pub expertise: Vec<String>,
    /// Reviews they were promised; met as far as possible once every
    /// proposal that can be served is.
    #[serde(default)]
    pub min_load: u16,
    /// Reviews they accept at most, pins included.
    pub max_load: u16,
}

/// A pair that must never be assigned, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForbiddenPair {
    /// The proposal.
    pub proposal: ProposalId,
    /// The reviewer.
    pub reviewer: UserId,
    /// Why they may not be paired; used to explain unfilled slots.
    pub why: Forbidden,
}

/// Why a pair is forbidden. Language is not here: the solver checks it
/// itself from the profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forbidden {
    /// A conflict of interest, found by the caller (same library, co-author, …).
    Conflict,
    /// A programme manager excluded the pair by hand, or the reviewer declined it.
    Excluded,
}

impl std::fmt::Display for Forbidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Forbidden::Conflict => "conflict of interest",
            Forbidden::Excluded => "excluded by a programme manager",
        })
    }
}

/// A reviewer's stated wish about one proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bid {
    /// The proposal bid on.
    pub proposal: ProposalId,
    /// The reviewer bidding.
    pub reviewer: UserId,
    /// How keen they are.
    pub level: BidLevel,
}

/// How keen a reviewer is to review a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BidLevel {
    /// Wants it.
    Eager,
    /// Would do it.
    Willing,
    /// Would rather not (a hard "no" is an exclusion, not a bid).
    NotPreferred,
}

/// How bids and shared expertise turn into a pair's affinity, a small
/// integer the solver maximises in total.
///
/// `affinity = bid weight + min(per_shared_tag × shared tags, shared_tags_cap)`,
/// where shared tags are counted once each, ignoring case. Bid weights must
/// lie in −1000..=1000 and the two tag weights in 0..=1000, which keeps
/// every sum far from overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AffinityWeights {
    /// For an eager bid; default +3.
    pub eager: i32,
    /// For a willing bid; default +1.
    pub willing: i32,
    /// For a pair without a bid; default 0.
    pub no_bid: i32,
    /// For a not-preferred bid; default −2.
    pub not_preferred: i32,
    /// For each expertise tag the reviewer shares with the proposal; default +1.
    pub per_shared_tag: i32,
    /// The most shared tags can add; default +3.
    pub shared_tags_cap: i32,
}

impl Default for AffinityWeights {
    fn default() -> Self {
        Self {
            eager: 3,
            willing: 1,
            no_bid: 0,
            not_preferred: -2,
            per_shared_tag: 1,
            shared_tags_cap: 3,
        }
    }
}

impl AffinityWeights {
    /// The weight of a bid, or of no bid.
    pub fn bid(&self, level: Option<BidLevel>) -> i32 {
        match level {
            Some(BidLevel::Eager) => self.eager,
            Some(BidLevel::Willing) => self.willing,
            Some(BidLevel::NotPreferred) => self.not_preferred,
            None => self.no_bid,
        }
    }

    /// What `shared` shared expertise tags add.
    pub fn tags(&self, shared: u32) -> i32 {
        // Checked weights are at most 1000, so only a huge tag count could
        // overflow; saturating keeps the cap in charge then.
        let shared = i32::try_from(shared).unwrap_or(i32::MAX);
        self.per_shared_tag
            .saturating_mul(shared)
            .min(self.shared_tags_cap)
    }

    /// The lowest and highest affinity any pair can have.
    pub(crate) fn range(&self) -> (i32, i32) {
        let bids = [self.eager, self.willing, self.no_bid, self.not_preferred];
        let low = bids.iter().copied().min().unwrap_or(0);
        let high = bids.iter().copied().max().unwrap_or(0);
        // Tag weights are non-negative, so the tag part lies in 0..=cap.
        (low, high + self.shared_tags_cap)
    }
}

/// The solver's answer: who reviews what, and what could not be done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Every assigned pair, pins and kept pairs included, in proposal order
    /// and then reviewer order as given in the instance.
    pub pairs: Vec<AssignedPair>,
    /// The sum of the pairs' affinities.
    pub objective: i64,
    /// Every reviewer's load, in instance order.
    pub loads: Vec<ReviewerLoad>,
    /// Proposals that did not get all their reviewers, in instance order, each
    /// with the reason.
    pub unfilled: Vec<UnfilledSlots>,
    /// Reviewers left below their minimum load, in instance order.
    pub under_min_load: Vec<UnderMinLoad>,
}

impl Assignment {
    /// How many review slots are filled (pins and kept pairs included).
    pub fn filled(&self) -> usize {
        self.pairs.len()
    }

    /// How many review slots are still open.
    pub fn missing(&self) -> u64 {
        self.unfilled.iter().map(|u| u64::from(u.missing)).sum()
    }

    /// Reviews counted towards reviewers' minimum loads: the sum over
    /// reviewers of `min(load, min_load)`. The solver maximises this second.
    pub fn min_load_met(&self) -> u64 {
        self.loads
            .iter()
            .map(|l| u64::from(l.load.min(l.min_load)))
            .sum()
    }
}

/// One reviewer assigned to one proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedPair {
    /// The proposal.
    pub proposal: ProposalId,
    /// The reviewer.
    pub reviewer: UserId,
    /// The pair's affinity under the instance's weights.
    pub affinity: i32,
    /// Pinned by a programme manager in the instance.
    pub pinned: bool,
    /// Kept from the previous assignment by [`repair`](crate::repair).
    pub kept: bool,
}

/// How many reviews a reviewer got, against their bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerLoad {
    /// The reviewer.
    pub reviewer: UserId,
    /// Proposals assigned, pins included.
    pub load: u16,
    /// Their minimum load.
    pub min_load: u16,
    /// Their maximum load.
    pub max_load: u16,
}

/// A proposal that did not get all the reviewers it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnfilledSlots {
    /// The proposal.
    pub proposal: ProposalId,
    /// How many reviewers it still lacks.
    pub missing: u16,
    /// Why, in counts; its `Display` says it in a sentence.
    pub reason: Shortfall,
}

/// Why a proposal could not get all its reviewers, as counts.
///
/// In an optimal assignment every eligible reviewer (one who reads the
/// proposal's language and is neither conflicted nor excluded) is either
/// assigned to the proposal or at their load cap, so these counts explain
/// the whole gap: too few eligible reviewers, or the eligible ones are full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
    /// Reviewers the proposal needs in all.
    pub needed: u16,
    /// The proposal's language, if it has one.
    pub language: Option<Locale>,
    /// Reviewers who read that language (everyone when there is none).
    pub readers: u32,
    /// Readers with a conflict of interest.
    pub conflicted: u32,
    /// Readers a programme manager excluded (and not also conflicted).
    pub excluded: u32,
    /// Reviewers assigned to the proposal.
    pub assigned: u16,
    /// Eligible reviewers not assigned to it because they are at their load cap.
    pub at_load_cap: u32,
}

impl Shortfall {
    /// Readers who are neither conflicted nor excluded.
    pub fn eligible(&self) -> u32 {
        self.readers - self.conflicted - self.excluded
    }
}

impl std::fmt::Display for Shortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let eligible = self.eligible();
        if eligible < u32::from(self.needed) {
            let qualifier = match (self.conflicted > 0, self.excluded > 0) {
                (false, false) => "",
                (true, false) => "non-conflicted ",
                (false, true) => "non-excluded ",
                (true, true) => "non-conflicted, non-excluded ",
            };
            let (noun, verb) = if eligible == 1 {
                ("reviewer", "reads")
            } else {
                ("reviewers", "read")
            };
            match self.language {
                Some(language) => write!(
                    f,
                    "only {eligible} {qualifier}{noun} {verb} {}; {} needed",
                    crate::language_name(language),
                    self.needed
                )?,
                None => write!(
                    f,
                    "only {eligible} {qualifier}{noun} can review it; {} needed",
                    self.needed
                )?,
            }
            if self.conflicted > 0 || self.excluded > 0 {
                let mut parts = Vec::new();
                if self.conflicted > 0 {
                    parts.push(format!("{} with a conflict of interest", self.conflicted));
                }
                if self.excluded > 0 {
                    parts.push(format!("{} excluded", self.excluded));
                }
                let who = if self.language.is_some() {
                    "read it"
                } else {
                    "in the jury"
                };
                write!(f, " ({} {who}: {})", self.readers, parts.join(", "))?;
            }
            if self.at_load_cap > 0 {
                let verb = if self.at_load_cap == 1 { "is" } else { "are" };
                write!(f, "; {} of them {verb} at their load cap", self.at_load_cap)?;
            }
            Ok(())
        } else if self.assigned == 0 && self.at_load_cap == 1 {
            f.write_str("the only eligible reviewer is at their load cap")
        } else if self.assigned == 0 {
            write!(
                f,
                "all {} eligible reviewers are at their load cap",
                self.at_load_cap
            )
        } else {
            let assigned_verb = if self.assigned == 1 { "is" } else { "are" };
            let capped_verb = if self.at_load_cap == 1 { "is" } else { "are" };
            write!(
                f,
                "{} of the {eligible} eligible reviewers {assigned_verb} assigned; \
                 the other {} {capped_verb} at their load cap",
                self.assigned, self.at_load_cap
            )
        }
    }
}

/// A reviewer left below their minimum load.
///
/// The solver fills proposals first and minimum loads second, so this
/// happens when the reviewer can review too few proposals, or when the
/// proposals they could review are fully staffed by others who need them
/// as much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnderMinLoad {
    /// The reviewer.
    pub reviewer: UserId,
    /// Proposals assigned.
    pub load: u16,
    /// Their minimum load.
    pub min_load: u16,
    /// Proposals they could review at all: readable and not forbidden.
    pub eligible_proposals: u32,
}

impl std::fmt::Display for UnderMinLoad {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} of at least {} reviews: ", self.load, self.min_load)?;
        if self.eligible_proposals < u32::from(self.min_load) {
            let noun = if self.eligible_proposals == 1 {
                "proposal"
            } else {
                "proposals"
            };
            write!(f, "only {} {noun} they can review", self.eligible_proposals)
        } else {
            let others = self.eligible_proposals - u32::from(self.load);
            let (noun, verb) = if others == 1 {
                ("proposal", "is")
            } else {
                ("proposals", "are")
            };
            let other = if self.load == 0 { "" } else { "other " };
            write!(
                f,
                "the {other}{others} {noun} they can review {verb} fully staffed"
            )
        }
    }
}
