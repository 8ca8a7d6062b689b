//! Request extractors that fail with problem+json instead of axum's plain text.

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, header, request::Parts};
use grants_app::auth;
use grants_app::{Actor, PageRequest};
use grants_domain::FieldError;
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::problem::ApiError;

/// A JSON body, deserialised with the path of the first offending field.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::UnsupportedMediaType("application/json"));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge
            } else {
                ApiError::BadRequest(e.body_text())
            }
        })?;
        // PostgreSQL stores no NUL character, and no text of the service needs one.
        if let Some(field) = nul_in(&bytes) {
            return Err(ApiError::InvalidBody(FieldError {
                field,
                code: "invalid_characters".into(),
                message: "a text cannot hold the NUL character".into(),
                args: Default::default(),
            }));
        }
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(de)
            .map(Json)
            .map_err(|err| {
                let path = err.path().to_string();
                let inner = err.into_inner();
                match inner.classify() {
                    serde_json::error::Category::Data => {
                        let mut error = field_error(&path, inner.to_string());
                        if error.field.is_empty() {
                            error.field = flattened_culprit::<T>(&bytes).unwrap_or_default();
                        }
                        ApiError::InvalidBody(error)
                    }
                    _ => ApiError::BadRequest(format!("the body is not valid JSON: {inner}")),
                }
            })
    }
}

/// The path of the first string of a JSON body that holds NUL (written
/// `\u0000`, the only way JSON can), if any; bodies without the escape are
/// not read twice.
fn nul_in(bytes: &[u8]) -> Option<String> {
    use serde_json::Value;
    fn find(value: &Value, path: String) -> Option<String> {
        let at = |name: &str| {
            if path.is_empty() {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            }
        };
        match value {
            Value::String(text) if text.contains('\0') => Some(path),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, item)| find(item, format!("{path}[{i}]"))),
            Value::Object(fields) => fields.iter().find_map(|(name, item)| find(item, at(name))),
            _ => None,
        }
    }
    if !bytes.windows(6).any(|w| w == b"\\u0000") {
        return None;
    }
    let value: Value = serde_json::from_slice(bytes).ok()?;
    find(&value, String::new())
}

/// The field a deserialisation error is about, named by its path. serde
/// reports a missing or unknown field on the object that should (not) hold
/// it, so that field's name is taken from the message and added to the path.
fn field_error(path: &str, message: String) -> FieldError {
    let object = if path == "." { "" } else { path };
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once('`'))
            .map(|(name, _)| {
                if object.is_empty() {
                    name.to_owned()
                } else {
                    format!("{object}.{name}")
                }
            })
    };
    let (field, code) = if let Some(field) = named("missing field `") {
        (field, "required")
    } else if let Some(field) = named("unknown field `") {
        (field, "unknown")
    } else {
        (object.to_owned(), "invalid")
    };
    FieldError {
        field,
        code: code.into(),
        message,
        args: Default::default(),
    }
}

/// The top-level field an error inside a `#[serde(flatten)]` part of a
/// body is about (a proposal's fields), which serde reports at the root:
/// the first field whose removal makes the error go away or change, other
/// than into that field's own absence.
fn flattened_culprit<T: DeserializeOwned>(bytes: &[u8]) -> Option<String> {
    let serde_json::Value::Object(body) = serde_json::from_slice(bytes).ok()? else {
        return None;
    };
    let error_without = |key: Option<&String>| {
        let mut rest = body.clone();
        if let Some(key) = key {
            rest.remove(key);
        }
        serde_json::from_value::<T>(serde_json::Value::Object(rest))
            .err()
            .map(|e| e.to_string())
    };
    let original = error_without(None)?;
    body.keys()
        .find(|key| match error_without(Some(key)) {
            None => true,
            Some(error) => {
                error != original && !error.starts_with(&format!("missing field `{key}`"))
            }
        })
        .cloned()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
        .unwrap_or(false)
}

/// The authenticated caller, from `Authorization: Bearer <token>`.
#[derive(Debug)]
pub struct Auth(pub Actor);

impl<S> FromRequestParts<S> for Auth
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
            })
            .filter(|t| !t.is_empty())
            .ok_or(grants_app::AppError::Unauthenticated)?;
        let actor = grants_app::auth::authenticate(&state.app, token).await?;
        crate::problem::note_profile(actor.locale);
        // Whoever must have a second factor and has none sets it up first:
        // all they may do is read themself, set it up and sign out.
        let path = parts.uri.path();
        if actor.second_factor.must_enrol()
            && !(path == "/me" || path.starts_with("/me/second-factor") || path == "/auth/token")
        {
            return Err(
                grants_app::AppError::forbidden("second-factor-enrolment-required")
                    .done()
                    .into(),
            );
        }
        Ok(Auth(actor))
    }
}

/// Where the request came from (see [`auth::Client::of_http`]).
#[derive(Debug)]
pub struct Client(pub auth::Client);

impl<S> FromRequestParts<S> for Client
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(Client(auth::Client::of_http(
            &state.app,
            peer,
            &parts.headers,
        )))
    }
}

/// The revision from `If-Match: "3"` (or `W/"3"`), if the header is present.
#[derive(Debug)]
pub struct IfMatch(pub Option<i64>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        value
            .to_str()
            .ok()
            .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
            .and_then(|v| v.parse::<i64>().ok())
            .map(|r| IfMatch(Some(r)))
            .ok_or_else(|| {
                ApiError::BadRequest(
                    "If-Match must be an ETag this service issued, e.g. \"3\"".into(),
                )
            })
    }
}

/// An id from the path; one that is not a UUID names nothing, so it is a 404.
#[derive(Debug)]
pub struct IdPath<T>(pub T);

impl<T: From<uuid::Uuid>, S: Send + Sync> FromRequestParts<S> for IdPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<uuid::Uuid>::from_request_parts(parts, state)
            .await
            .map(|p| IdPath(T::from(p.0)))
            .map_err(|_| ApiError::NotFound)
    }
}

/// Two ids from the path (`/programmes/{id}/reviewers/{user_id}`); a
/// malformed one is a 404, like an unknown one.
#[derive(Debug)]
pub struct IdPair<A, B>(pub A, pub B);

impl<A: From<uuid::Uuid>, B: From<uuid::Uuid>, S: Send + Sync> FromRequestParts<S>
    for IdPair<A, B>
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<(uuid::Uuid, uuid::Uuid)>::from_request_parts(parts, state)
            .await
            .map(|p| IdPair(A::from(p.0.0), B::from(p.0.1)))
            .map_err(|_| ApiError::NotFound)
    }
}

/// An object's id and a name from `/{id}/…/{name}` (a transition); an id
/// that is not a UUID is a 404.
#[derive(Debug)]
pub struct IdName<A>(pub A, pub String);

impl<A: From<uuid::Uuid>, S: Send + Sync> FromRequestParts<S> for IdName<A> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path((id, name)) =
            axum::extract::Path::<(String, String)>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound)?;
        let id = uuid::Uuid::parse_str(&id).map_err(|_| ApiError::NotFound)?;
        Ok(IdName(A::from(id), name))
    }
}

/// Query parameters; bad ones are a 400 naming the problem.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Query(q.0))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}

/// What a list reads from the query string: its filter and the page asked
/// for (each as [`Query`] reads it, the filter first).
#[derive(Debug)]
pub struct Paged<F>(pub F, pub PageRequest);

impl<F: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Paged<F> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(filter) = Query::<F>::from_request_parts(parts, state).await?;
        let Query(page) = Query::<PageRequest>::from_request_parts(parts, state).await?;
        Ok(Paged(filter, page))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::{field_error, flattened_culprit};

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // Read only by serde.
    struct Draft {
        programme_id: String,
        #[serde(flatten)]
        fields: Fields,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Fields {
        title: Option<String>,
        amount: Option<i64>,
        lines: Option<Vec<i64>>,
    }

    #[test]
    fn an_error_inside_flattened_fields_names_the_field() {
        let culprit = |body: &str| flattened_culprit::<Draft>(body.as_bytes());
        assert_eq!(
            culprit(r#"{"programme_id": "p", "title": "t", "amount": "many"}"#).as_deref(),
            Some("amount")
        );
        assert_eq!(
            culprit(r#"{"programme_id": "p", "lines": [1, "two"], "title": "t"}"#).as_deref(),
            Some("lines")
        );
        // The required field before it is not blamed for the error after it.
        assert_eq!(
            culprit(r#"{"title": 5, "programme_id": "p"}"#).as_deref(),
            Some("title")
        );
        assert_eq!(culprit(r#"{"programme_id": "p", "title": "t"}"#), None);
        assert_eq!(culprit("[1, 2]"), None);
    }

    #[test]
    fn missing_and_unknown_fields_are_named_with_their_path() {
        let cases = [
            (
                ".",
                "missing field `programme_id` at line 1 column 2",
                ("programme_id", "required"),
            ),
            (
                "budget_lines[0]",
                "unknown field `bogus`, expected `label` or `amount` at line 1 column 9",
                ("budget_lines[0].bogus", "unknown"),
            ),
            (
                "revision",
                "invalid type: string \"x\", expected i64",
                ("revision", "invalid"),
            ),
        ];
        for (path, message, named) in cases {
            let error = field_error(path, message.into());
            assert_eq!((error.field.as_str(), error.code.as_str()), named);
        }
    }
}
