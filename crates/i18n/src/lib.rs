//! The words of the pages and the API in the reader's language: one Fluent
//! catalogue per language ([`catalogue`]), workflow states, steps and
//! blocked reasons ([`workflow`]), and every refusal of a use case with its
//! HTTP status ([`errors`]). The API's problem+json and the pages' error
//! messages both come from here, so an error is mapped to a status once and
//! worded once.

pub mod catalogue;
mod dossier;
pub mod errors;
pub mod export;
pub mod grant;
pub mod proposal;
pub mod showcase;
pub mod workflow;

pub use catalogue::{
    Args, CATALOGUES, LANGUAGE_COOKIE, country_name, from_accept_language, in_language,
    language_name, named_or, own_text, page_language, text,
};
