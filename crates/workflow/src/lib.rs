//! Workflows as data.
//!
//! A workflow is a state machine written in YAML (see `workflows/` at the
//! top of the repository). This crate parses a definition keeping the line
//! and column of everything in it ([`parse`]), checks it statically against
//! the guards, effects, actors and events the service knows ([`validate`]),
//! decides transitions ([`plan`], [`options`]) and draws it ([`mermaid`],
//! [`dot`], and an inline image: [`svg`]).
//!
//! It is pure: no I/O, no clock, no database. The engine is given the
//! actor's roles and relations and a way to check guards, and returns a
//! plan (new state and effects) or every reason the transition is blocked;
//! applying the plan is the store's job.

mod definition;
mod engine;
mod graph;
mod problem;
mod validate;

pub use definition::{Definition, Effect, Located, Pos, State, Transition, parse};
pub use engine::{
    ActorFacts, Blocked, GuardCheck, Plan, Reason, ReasonKind, Refusal, TransitionOption, options,
    plan,
};
pub use graph::{dot, mermaid, svg, svg_titled};
pub use problem::Problem;
pub use validate::{Registry, validate};
