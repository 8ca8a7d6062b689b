//! The one shape most handlers have, written once: a route that needs the
//! bearer token takes what it needs from the request, calls one
//! `grants_app` use case as the caller, and answers with its result.
//!
//! [`handlers!`] writes such handlers and their OpenAPI operations from
//! what differs between them, so that a handler cannot do more than that.
//! A route that does anything else (reads a form, streams a file, needs no
//! token) is written out by hand.

/// Declares handlers of the one common shape, each with its OpenAPI
/// operation, under one tag, and the router that serves them (and the
/// handlers written out by hand that `also` names, if any):
///
/// ```text
/// handlers! {
///     <visibility> fn <router>(), tag = "<tag>", also = [<handler>, …];
///
///     /// Summary and description of the operation (its doc comment).
///     <method> "<path>",
///     fn <name>(<arguments>) -> <answer>, [<error responses>] = <use case>(<expressions>);
///     …
/// }
/// ```
///
/// - The handler is `name`, and so is the operation's id. It needs the
///   bearer token.
/// - Each argument is something the request carries, bound to the name
///   given, in the order axum reads them:
///   - `id: IdPath<T> = DESCRIPTION`: the `{id}` in the path (a 404 when it
///     is not a UUID), documented with `DESCRIPTION` (one of [`super::params`]);
///   - `filter: Query<T>`: query parameters, documented by `T`'s `IntoParams`;
///   - `(filter, page): Paged<T>`: a list's filter (`T`) and the page asked
///     for, from the query string, documented by their `IntoParams`;
///   - `revision: IfMatch = DESCRIPTION`: the revision from `If-Match`,
///     documented with `DESCRIPTION` (a string, or one of [`super::params`]);
///   - `(a, b): IdPair<A, B> = ("id" = A_DESCRIPTION, "b_id" = B_DESCRIPTION)`:
///     two ids in the path, by their names there;
///   - `input: Json<T>`: the JSON body, the operation's request body.
/// - The use case is called with `&state.app` and the caller first, then
///   the expressions given, and awaited; its error becomes a problem.
/// - The answer is one of
///   - `Json<T>` or `WithEtag<T>`: `200 OK` with `T`, the latter with the
///     ETag of its revision;
///   - `csv`: `200 OK` with a `text/csv` download of the table the use
///     case returns; `xlsx`: the same as a spreadsheet, its headings in
///     the reader's language;
///   - `Created("/collection", T)`: `201 Created` with `T`, its ETag and its
///     location, `/collection/<its id>`;
///   - `(StatusCode::CREATED, Json<T>)`: `201 Created` with `T`;
///   - `NoContent("description")`: `204 No Content`, described so.
///
///   The error responses in brackets follow it as they would in
///   `#[utoipa::path]` (a later entry replaces an earlier one of the same
///   status).
macro_rules! handlers {
    (
        $vis:vis fn $router:ident(), tag = $tag:literal $(, also = [$($also:ident),* $(,)?])?;
        $($entries:tt)*
    ) => {
        $crate::routes::handlers::handlers!(
            @next { $vis $router $tag } [$($($also)*)?] $($entries)*
        );
    };

    // The router that serves them all, once every handler is written.
    (@next { $vis:vis $router:ident $tag:literal } [$($name:ident)*]) => {
        /// The routes of these handlers, with their OpenAPI operations.
        $vis fn $router() -> utoipa_axum::router::OpenApiRouter<$crate::AppState> {
            utoipa_axum::router::OpenApiRouter::new()
                $(.routes(utoipa_axum::routes!($name)))*
        }
    };
    // The next handler.
    (@next $block:tt $names:tt
        $(#[doc = $doc:literal])*
        $method:ident $path:literal,
        fn $name:ident($($args:tt)*) -> $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@args $block $names $name
            { $(#[doc = $doc])* $method $path }
            [] [] []
            ($($args)*)
            -> $($rest)*
        );
    };

    // The arguments, one at a time, into the handler's parameters, the
    // operation's parameters and its request body.
    (@args $block:tt $names:tt $name:ident $meta:tt [$($fn:tt)*] [$($param:tt)*] $body:tt
        ($arg:ident: IdPath<$id:ty> = $description:expr $(, $($more:tt)*)?) $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@args $block $names $name $meta
            [$($fn)* $crate::extract::IdPath($arg): $crate::extract::IdPath<$id>,]
            [$($param)* ("id" = String, Path, format = Uuid, description = $description),]
            $body
            ($($($more)*)?) $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt [$($fn:tt)*] [$($param:tt)*] $body:tt
        (($first:ident, $second:ident): IdPair<$first_id:ty, $second_id:ty> = (
            $first_name:literal = $first_description:expr,
            $second_name:literal = $second_description:expr $(,)?
        ) $(, $($more:tt)*)?) $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@args $block $names $name $meta
            [$($fn)* $crate::extract::IdPair($first, $second):
                $crate::extract::IdPair<$first_id, $second_id>,]
            [$($param)*
                ($first_name = String, Path, format = Uuid, description = $first_description),
                ($second_name = String, Path, format = Uuid, description = $second_description),]
            $body
            ($($($more)*)?) $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt [$($fn:tt)*] [$($param:tt)*] $body:tt
        ($arg:ident: Query<$query:ty> $(, $($more:tt)*)?) $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@args $block $names $name $meta
            [$($fn)* $crate::extract::Query($arg): $crate::extract::Query<$query>,]
            [$($param)* $query,]
            $body
            ($($($more)*)?) $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt [$($fn:tt)*] [$($param:tt)*] $body:tt
        (($filter:ident, $page:ident): Paged<$query:ty> $(, $($more:tt)*)?) $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@args $block $names $name $meta
            [$($fn)* $crate::extract::Paged($filter, $page): $crate::extract::Paged<$query>,]
            [$($param)* $query, grants_app::PageRequest,]
            $body
            ($($($more)*)?) $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt [$($fn:tt)*] [$($param:tt)*] $body:tt
        ($arg:ident: IfMatch = $description:expr $(, $($more:tt)*)?) $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@args $block $names $name $meta
            [$($fn)* $crate::extract::IfMatch($arg): $crate::extract::IfMatch,]
            [$($param)* ("If-Match" = Option<String>, Header, description = $description),]
            $body
            ($($($more)*)?) $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt [$($fn:tt)*] $param:tt []
        ($arg:ident: Json<$input:ty> $(, $($more:tt)*)?) $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@args $block $names $name $meta
            [$($fn)* $crate::extract::Json($arg): $crate::extract::Json<$input>,]
            $param
            [request_body = $input,]
            ($($($more)*)?) $($rest)*
        );
    };

    // The answer: JSON (with the ETag of its revision, or without), a CSV
    // or spreadsheet download, something created, or nothing.
    (@args $block:tt $names:tt $name:ident $meta:tt $fn:tt $param:tt $body:tt ()
        -> Json<$ok:ty>, $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@call $block $names $name $meta $fn $param $body
            [(status = 200, body = $ok),]
            axum::Json<$ok>, |result| axum::Json(result),
            $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt $fn:tt $param:tt $body:tt ()
        -> WithEtag<$ok:ty>, $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@call $block $names $name $meta $fn $param $body
            [(status = 200, body = $ok),]
            $crate::respond::WithEtag<$ok>, |result| $crate::respond::WithEtag(result),
            $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt $fn:tt $param:tt $body:tt ()
        -> csv, $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@call $block $names $name $meta $fn $param $body
            [(status = 200, content_type = "text/csv", body = String),]
            axum::response::Response,
            |result| $crate::respond::table(result, grants_app::export::ExportFormat::Csv),
            $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt $fn:tt $param:tt $body:tt ()
        -> xlsx, $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@call $block $names $name $meta $fn $param $body
            [(
                status = 200,
                content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                body = Vec<u8>,
            ),]
            axum::response::Response,
            |result| $crate::respond::table(result, grants_app::export::ExportFormat::Xlsx),
            $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt $fn:tt $param:tt $body:tt ()
        -> Created($location:literal, $ok:ty), $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@call $block $names $name $meta $fn $param $body
            [(status = 201, body = $ok),]
            axum::response::Response,
            |result| $crate::respond::created(format!("{}/{}", $location, result.id), result),
            $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt $fn:tt $param:tt $body:tt ()
        -> (StatusCode::CREATED, Json<$ok:ty>), $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@call $block $names $name $meta $fn $param $body
            [(status = 201, body = $ok),]
            (axum::http::StatusCode, axum::Json<$ok>),
            |result| (axum::http::StatusCode::CREATED, axum::Json(result)),
            $($rest)*
        );
    };
    (@args $block:tt $names:tt $name:ident $meta:tt $fn:tt $param:tt $body:tt ()
        -> NoContent($description:literal), $($rest:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@call $block $names $name $meta $fn $param $body
            [(status = 204, description = $description),]
            axum::http::StatusCode,
            |_| axum::http::StatusCode::NO_CONTENT,
            $($rest)*
        );
    };

    // The error responses and the use case; then the next entry.
    (@call $block:tt [$($names:ident)*] $name:ident $meta:tt $fn:tt $param:tt $body:tt
        [$($ok:tt)*] $output:ty, |$result:pat_param| $answer:expr,
        [$($response:tt)*] = $($use_case:ident)::+ $(::<$subject:ty>)? ($($call:expr),* $(,)?);
        $($next:tt)*
    ) => {
        $crate::routes::handlers::handlers!(@emit $block $name $meta $fn $param $body
            [$($ok)* $($response)*]
            $output, |$result| $answer, $($use_case)::+ $(::<$subject>)? ($($call),*)
        );
        $crate::routes::handlers::handlers!(@next $block [$($names)* $name] $($next)*);
    };

    // The handler and its operation.
    (@emit { $vis:vis $router:ident $tag:literal } $name:ident
        { $(#[doc = $doc:literal])* $method:ident $path:literal }
        [$($fn:tt)*] [$($param:tt)*] [$($body:tt)*] [$($response:tt)*]
        $output:ty, |$result:pat_param| $answer:expr,
        $($use_case:ident)::+ $(::<$subject:ty>)? ($($call:expr),*)
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            $method,
            path = $path,
            tag = $tag,
            security(("bearer" = [])),
            params($($param)*),
            $($body)*
            responses($($response)*)
        )]
        async fn $name(
            axum::extract::State(state): axum::extract::State<$crate::AppState>,
            $crate::extract::Auth(actor): $crate::extract::Auth,
            $($fn)*
        ) -> $crate::problem::ApiResult<$output> {
            let $result =
                $($use_case)::+ $(::<$subject>)? (&state.app, &actor, $($call),*).await?;
            Ok($answer)
        }
    };
}
pub(crate) use handlers;
