use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use grants_domain::ValidationErrors;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Which page of a list to return.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageRequest {
    /// The `next_cursor` of the previous page; omit for the first page.
    pub cursor: Option<String>,
    /// How many items, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

/// One page of a list, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl PageRequest {
    /// The id after which the page starts, and how many items to return.
    pub(crate) fn parse<Id: From<Uuid>>(&self) -> Result<(Option<Id>, u64), ValidationErrors> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=200).contains(&limit) {
            return Err(ValidationErrors::single(
                "limit",
                "out_of_range",
                "limit must be between 1 and 200",
            ));
        }
        let after = match self.cursor.as_deref() {
            None | Some("") => None,
            Some(cursor) => Some(decode(cursor).map(Id::from).ok_or_else(|| {
                ValidationErrors::single(
                    "cursor",
                    "invalid_cursor",
                    "the cursor is not one this service issued",
                )
            })?),
        };
        // One extra row tells whether there is a next page.
        Ok((after, u64::from(limit) + 1))
    }
}

impl<T> Page<T> {
    /// Builds a page from up to `fetched` rows (one more than the limit), with `key` giving each row's cursor id.
    pub(crate) fn from_rows<R>(
        mut rows: Vec<R>,
        fetched: u64,
        key: impl Fn(&R) -> Uuid,
        view: impl Fn(R) -> T,
    ) -> Page<T> {
        let limit = usize::try_from(fetched.saturating_sub(1)).unwrap_or(usize::MAX);
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|r| encode(key(r)))
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(view).collect(),
            next_cursor,
        }
    }
}

fn encode(id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

fn decode(cursor: &str) -> Option<Uuid> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    Uuid::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let id = Uuid::now_v7();
        assert_eq!(decode(&encode(id)), Some(id));
        assert_eq!(decode("not a cursor"), None);
        let request = PageRequest {
            cursor: Some("%%".into()),
            limit: None,
        };
        assert!(request.parse::<Uuid>().is_err());
    }

    #[test]
    fn a_full_page_points_at_its_last_item() {
        let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        let page = Page::from_rows(ids.clone(), 4, |id| *id, |id| id);
        assert_eq!(page.items, ids[..3]);
        assert_eq!(page.next_cursor, Some(encode(ids[2])));
        let last = Page::from_rows(ids[..2].to_vec(), 4, |id| *id, |id| id);
        assert_eq!(last.next_cursor, None);
    }

    #[test]
    fn limits_outside_1_to_200_are_refused() {
        for limit in [0, 201] {
            let request = PageRequest {
                cursor: None,
                limit: Some(limit),
            };
            assert!(request.parse::<Uuid>().is_err());
        }
    }
}
