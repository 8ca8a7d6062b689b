use grants_app::Page;
use grants_app::programmes::{self, ProgrammeFilter, ProgrammeUpdate, ProgrammeView};
use grants_domain::ProgrammeId;
use grants_domain::programme::ProgrammeInput;

use super::handlers::handlers;
use super::params::{EDITED_ETAG, PROGRAMME_ETAG, PROGRAMME_ID};
use super::responses::{
    ActionErrors, CreateErrors, ReadErrors, RevisedWriteErrors, Unauthenticated,
};
use crate::problem::Problem;

handlers! {
    pub(super) fn routes(), tag = "programmes";

    /// Programmes, oldest first; archived ones only when asked.
    get "/programmes",
    fn list_programmes((filter, page): Paged<ProgrammeFilter>) -> Json<Page<ProgrammeView>>,
        [Unauthenticated] = programmes::list(&filter, &page);

    /// Create a programme (programme managers and administrators).
    /// Every invalid field is reported at once.
    post "/programmes",
    fn create_programme(input: Json<ProgrammeInput>) -> Created("/programmes", ProgrammeView),
        [
            CreateErrors,
            (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        ] = programmes::create(input);

    /// One programme.
    get "/programmes/{id}",
    fn get_programme(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> WithEtag<ProgrammeView>,
        [ReadErrors] = programmes::get(id);

    /// Change a programme: send only the fields that change, and the revision
    /// (If-Match or `revision`). The result is validated as a whole.
    patch "/programmes/{id}",
    fn update_programme(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        revision: IfMatch = EDITED_ETAG,
        input: Json<ProgrammeUpdate>,
    ) -> WithEtag<ProgrammeView>,
        [RevisedWriteErrors] = programmes::update(id, input, revision);

    /// Archive a programme: it leaves the default lists. Repeating it is harmless.
    post "/programmes/{id}/archive",
    fn archive_programme(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        revision: IfMatch = PROGRAMME_ETAG,
    ) -> WithEtag<ProgrammeView>,
        [ActionErrors] = programmes::set_archived(id, true, revision);

    /// Restore an archived programme.
    delete "/programmes/{id}/archive",
    fn restore_programme(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        revision: IfMatch = PROGRAMME_ETAG,
    ) -> WithEtag<ProgrammeView>,
        [ActionErrors] = programmes::set_archived(id, false, revision);
}
