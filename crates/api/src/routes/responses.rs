//! The problem+json responses routes share, for their OpenAPI annotations.
//!
//! Each problem a route can answer with is one type here, described once
//! (its one-line doc comment is the response's description), and the
//! combinations routes have in common are named sets of them. A route
//! lists its success, then a set, then any single problems the set lacks,
//! then any response it describes in its own words (a later entry
//! replaces an earlier one of the same status):
//!
//! ```text
//! responses((status = 200, body = ProgrammeView), RevisedWriteErrors)
//! responses((status = 200, body = ReviewView), ReadErrors, Conflict, Invalid)
//! ```
//!
//! Which error becomes which status is decided in [`crate::problem`]; the
//! problems of malformed requests (400, 415, and 422 for a body or `limit`
//! of the wrong shape) are added to every route that can meet them by
//! [`crate::openapi`].
#![expect(
    dead_code,
    reason = "the types describe responses for the OpenAPI document and are never built"
)]

use std::collections::BTreeMap;
use std::marker::PhantomData;

use utoipa::IntoResponses;
use utoipa::openapi::{RefOr, Response};

use crate::problem::Problem;

/// Declares the problems: each a type answering with its status and a
/// problem+json body, its doc comment the response's description.
macro_rules! problems {
    ($($(#[doc = $doc:literal])* $status:literal $name:ident;)+) => {
        $(
            $(#[doc = $doc])*
            #[derive(IntoResponses)]
            #[response(status = $status, content_type = "application/problem+json")]
            pub(crate) struct $name(Problem);
        )+
    };
}

problems! {
    /// Not logged in: no bearer token, or one that is unknown, expired or revoked
    401 Unauthenticated;
    /// Your role does not allow this
    403 Forbidden;
    /// No such object, or none you may see
    404 NotFound;
    /// The revision is stale, a unique value is taken, or the object's state forbids this
    409 Conflict;
    /// The input breaks a rule; every offending field is named in `errors`
    422 Invalid;
    /// No revision was sent (`If-Match` or `revision`)
    428 RevisionRequired;
    /// The form could not be read
    400 UnreadableForm;
    /// The file is over the programme's limit (named on `file`); nothing was stored
    413 FileTooLarge;
    /// Not a multipart form, or a file of a type not taken (named on `file`, with what it was found to be); nothing was stored
    415 FileTypeRefused;
    /// No file, or an empty one
    422 NoFile;
    /// Too many attempts: wait the seconds `Retry-After` says
    429 TooManyAttempts;
}

/// A read of one object, or of what belongs to it: 401, 404.
pub(crate) type ReadErrors = Problems<(Unauthenticated, NotFound)>;

/// A request about one object that only some roles may make: 401, 403, 404.
pub(crate) type RestrictedErrors = Problems<(Unauthenticated, Forbidden, NotFound)>;

/// A list only some roles may see: 401, 403.
pub(crate) type RestrictedListErrors = Problems<(Unauthenticated, Forbidden)>;

/// A new object: 401, 403, 409, 422.
pub(crate) type CreateErrors = Problems<(Unauthenticated, Forbidden, Conflict, Invalid)>;

/// A change to one object that its state may refuse: 401, 403, 404, 409.
pub(crate) type ActionErrors = Problems<(Unauthenticated, Forbidden, NotFound, Conflict)>;

/// A change to one object made against the revision it was read at:
/// 401, 403, 404, 409, 422, 428.
pub(crate) type RevisedWriteErrors = Problems<(
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    Invalid,
    RevisionRequired,
)>;

/// What an upload's form and file can be refused for: 400, 413, 415, 422.
pub(crate) type UploadErrors = Problems<(UnreadableForm, FileTooLarge, FileTypeRefused, NoFile)>;

/// The responses of every problem in the tuple `T`.
pub(crate) struct Problems<T>(PhantomData<T>);

/// `IntoResponses` for `Problems` of a tuple of the named kinds.
macro_rules! problem_tuples {
    ($($kind:ident),+) => {
        impl<$($kind: IntoResponses),+> IntoResponses for Problems<($($kind,)+)> {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                let mut responses = BTreeMap::new();
                $(responses.extend($kind::responses());)+
                responses
            }
        }
    };
}

problem_tuples!(A, B);
problem_tuples!(A, B, C);
problem_tuples!(A, B, C, D);
problem_tuples!(A, B, C, D, E);
problem_tuples!(A, B, C, D, E, F);

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses<T: IntoResponses>() -> Vec<String> {
        T::responses().into_keys().collect()
    }

    #[test]
    fn each_set_answers_with_the_statuses_it_names() {
        assert_eq!(statuses::<ReadErrors>(), ["401", "404"]);
        assert_eq!(statuses::<RestrictedErrors>(), ["401", "403", "404"]);
        assert_eq!(statuses::<RestrictedListErrors>(), ["401", "403"]);
        assert_eq!(statuses::<CreateErrors>(), ["401", "403", "409", "422"]);
        assert_eq!(statuses::<ActionErrors>(), ["401", "403", "404", "409"]);
        assert_eq!(
            statuses::<RevisedWriteErrors>(),
            ["401", "403", "404", "409", "422", "428"]
        );
        assert_eq!(statuses::<UploadErrors>(), ["400", "413", "415", "422"]);
    }

    #[test]
    fn every_problem_is_described_and_drawn_as_a_problem_document() {
        let responses = RevisedWriteErrors::responses()
            .into_iter()
            .chain(UploadErrors::responses());
        for (status, response) in responses {
            let response = serde_json::to_value(response).expect("a response serialises");
            assert!(
                response["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{status} has no description"
            );
            assert_eq!(
                response["content"]["application/problem+json"]["schema"]["$ref"],
                "#/components/schemas/Problem",
                "{status} is not a problem+json Problem"
            );
        }
    }
}
