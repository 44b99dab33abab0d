//! One function per endpoint: parameters in, a library call on a worker,
//! the CLI's JSON out.

use std::io::Cursor;
use std::sync::Arc;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use poisk::index::WriterOptions;
use poisk::input::JsonlReader;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiErrorBody, LineError, too_large_body};
use super::limits::{BODY_TIMEOUT, WRITER_MEMORY_MB};
use super::params::{ArticleParams, FormParams, Params, QuotesParams, SearchParams, SpeakersParams, TimelineParams};
use super::state::AppState;
use crate::printer::json::{self, JsonArticle, JsonResults};
use crate::printer::{JsonStats, QuoteLine, SpeakerLine, stats_json};
use crate::printer::{JsonTimeline, timeline_json};

type Shared = State<Arc<AppState>>;

/// A JSON body made on a worker thread.
pub struct JsonBody(Vec<u8>);

impl JsonBody {
    fn of(value: &impl Serialize) -> Result<JsonBody, ApiError> {
        serde_json::to_vec(value).map(JsonBody).map_err(ApiError::internal)
    }
}

impl IntoResponse for JsonBody {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], self.0).into_response()
    }
}

/// Search articles or quotes: the JSON of `poisk search --format json`.
#[utoipa::path(get, tag = "read", path = "/search", params(SearchParams), responses(
    (status = 200, description = "The hits, best first", body = JsonResults),
    (status = 400, description = "A malformed query (`position` says where), a parameter past a cap, an unknown parameter", body = ApiErrorBody),
    (status = 503, description = "The server is busy or the request took too long; try again", body = ApiErrorBody),
))]
pub async fn search(State(state): Shared, Params(params): Params<SearchParams>) -> Result<JsonBody, ApiError> {
    answer_search(&state, &params).await
}

/// `GET /search` with its parameters as a form body, for a query too long
/// for a URL.
#[utoipa::path(post, tag = "read", path = "/search", request_body(content = SearchParams, content_type = "application/x-www-form-urlencoded", description = "The parameters of `GET /search`"), responses(
    (status = 200, description = "The hits, best first", body = JsonResults),
    (status = 400, description = "A malformed query or parameter", body = ApiErrorBody),
))]
pub async fn search_form(
    State(state): Shared,
    FormParams(params): FormParams<SearchParams>,
) -> Result<JsonBody, ApiError> {
    answer_search(&state, &params).await
}

async fn answer_search(state: &Arc<AppState>, params: &SearchParams) -> Result<JsonBody, ApiError> {
    let (request, warnings) = params.request(state.time_budget)?;
    state
        .run(move |state| {
            let mut results = state.searcher.search(&request)?;
            results.warnings.splice(0..0, warnings);
            JsonBody::of(&json::results(&results))
        })
        .await
}

/// Matches per day, week, month or year: the JSON of `poisk timeline --format json`.
#[utoipa::path(get, tag = "read", path = "/timeline", params(TimelineParams), responses(
    (status = 200, description = "One bucket per interval from the first dated match to the last", body = JsonTimeline),
    (status = 400, description = "A malformed query or parameter", body = ApiErrorBody),
    (status = 503, description = "Busy, or too slow", body = ApiErrorBody),
))]
pub async fn timeline(State(state): Shared, Params(params): Params<TimelineParams>) -> Result<JsonBody, ApiError> {
    answer_timeline(&state, &params).await
}

/// `GET /timeline` with its parameters as a form body.
#[utoipa::path(post, tag = "read", path = "/timeline", request_body(content = TimelineParams, content_type = "application/x-www-form-urlencoded", description = "The parameters of `GET /timeline`"), responses(
    (status = 200, description = "One bucket per interval", body = JsonTimeline),
    (status = 400, description = "A malformed query or parameter", body = ApiErrorBody),
))]
pub async fn timeline_form(
    State(state): Shared,
    FormParams(params): FormParams<TimelineParams>,
) -> Result<JsonBody, ApiError> {
    answer_timeline(&state, &params).await
}

async fn answer_timeline(state: &Arc<AppState>, params: &TimelineParams) -> Result<JsonBody, ApiError> {
    let request = params.request(state.time_budget)?;
    state.run(move |state| JsonBody::of(&timeline_json(&state.searcher.timeline(&request)?))).await
}

/// A page of the quotes of the index.
#[derive(Serialize, ToSchema)]
pub struct JsonQuotes<'a> {
    /// Every quote that matches (by `speaker`), not only this page's.
    total: usize,
    /// The quotes skipped before this page.
    offset: usize,
    /// What was lowered to a cap.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    /// As `poisk quotes --format json` prints each, in index order.
    quotes: Vec<QuoteLine<'a>>,
}

/// The quotes of the index, in index order, a page at a time: `poisk quotes --format json`.
#[utoipa::path(get, tag = "read", path = "/quotes", params(QuotesParams), responses(
    (status = 200, description = "A page of quotes", body = JsonQuotes),
    (status = 400, description = "A bad parameter, or a speaker's name past the caps", body = ApiErrorBody),
))]
pub async fn quotes(State(state): Shared, Params(params): Params<QuotesParams>) -> Result<JsonBody, ApiError> {
    let (limit, warning) = params.page();
    state
        .run(move |state| {
            let (total, hits) = state.searcher.quotes_page(params.speaker.as_deref(), params.offset, limit)?;
            let page = hits.iter().filter_map(QuoteLine::of_hit).collect();
            let warnings = warning.into_iter().collect();
            JsonBody::of(&JsonQuotes { total, offset: params.offset, warnings, quotes: page })
        })
        .await
}

/// Speakers by number of quotes.
#[derive(Serialize, ToSchema)]
pub struct JsonSpeakers<'a> {
    /// How many speakers the index has in all.
    total: usize,
    /// Most quoted first, as `poisk speakers --format json` prints each.
    speakers: Vec<SpeakerLine<'a>>,
}

/// Speakers by number of quotes: `poisk speakers --format json`.
#[utoipa::path(get, tag = "read", path = "/speakers", params(SpeakersParams), responses(
    (status = 200, description = "Speakers, most quoted first", body = JsonSpeakers),
))]
pub async fn speakers(State(state): Shared, Params(params): Params<SpeakersParams>) -> Result<JsonBody, ApiError> {
    state
        .run(move |state| {
            let searcher = &state.searcher;
            let all = state.speakers.get(searcher.generation(), || Ok(searcher.speakers()?))?;
            let shown = if params.limit == 0 { all.len() } else { params.limit.min(all.len()) };
            let speakers = all[..shown].iter().map(SpeakerLine::new).collect();
            JsonBody::of(&JsonSpeakers { total: all.len(), speakers })
        })
        .await
}

/// What the index holds: `poisk stats --format json`.
#[utoipa::path(get, tag = "read", path = "/stats", responses((status = 200, description = "The index's statistics", body = JsonStats)))]
pub async fn stats(State(state): Shared) -> Result<JsonBody, ApiError> {
    state
        .run(move |state| {
            let stats = state.stats.get(state.searcher.generation(), || Ok(state.index.stats()?))?;
            JsonBody::of(&stats_json(&stats))
        })
        .await
}

/// One article, whole, with its quotes.
#[utoipa::path(get, tag = "read", path = "/articles/{id}", params(("id" = String, Path, description = "The article's id (`article_id` of a hit), percent-encoded"), ArticleParams), responses(
    (status = 200, description = "The article", body = JsonArticle),
    (status = 400, description = "A malformed query", body = ApiErrorBody),
    (status = 404, description = "No article has this id", body = ApiErrorBody),
))]
pub async fn article(
    State(state): Shared,
    Path(id): Path<String>,
    Params(params): Params<ArticleParams>,
) -> Result<JsonBody, ApiError> {
    state
        .run(move |state| match state.searcher.article(&id)? {
            Some(mut article) => {
                if let Some(query) = &params.q {
                    article.highlight(query)?;
                }
                JsonBody::of(&json::article(&article))
            }
            None => Err(ApiError::new(StatusCode::NOT_FOUND, format!("no article has the id {id:?}"))),
        })
        .await
}

/// The server is up, and what it serves.
#[derive(Serialize, ToSchema)]
pub struct JsonHealth {
    /// Always `ok`.
    status: &'static str,
    articles: usize,
    quotes: usize,
    /// Whether `POST /articles` is open (the server has an API key).
    writable: bool,
}

/// Whether the server is up; it answers even while every worker is busy.
#[utoipa::path(get, tag = "read", path = "/health", responses((status = 200, description = "Up", body = JsonHealth)))]
pub async fn health(State(state): Shared) -> Result<JsonBody, ApiError> {
    let searcher = &state.searcher;
    JsonBody::of(&JsonHealth {
        status: "ok",
        articles: searcher.num_articles(),
        quotes: searcher.num_quotes(),
        writable: state.writable(),
    })
}

/// What `POST /articles` did.
#[derive(Serialize, ToSchema)]
pub struct JsonAdded {
    /// Articles indexed (an article with a known id replaces the old one).
    indexed: usize,
    /// Quotes found in them and indexed with them.
    quotes: usize,
    /// Lines that are not articles, skipped.
    skipped: usize,
    /// Why each skipped line was skipped.
    errors: Vec<LineError>,
}

/// Index articles: a JSONL body, one article a line (`id`, `title`, `body`,
/// `date`, `source`), as `poisk index` reads a .jsonl file.
///
/// Needs `Authorization: Bearer KEY` with the server's `--api-key`. The
/// articles are committed and searchable when the response comes; bad
/// lines are skipped and listed, as `poisk index` does.
#[utoipa::path(post, tag = "write", path = "/articles", request_body(content = String, content_type = "application/x-ndjson", description = "JSON lines, one article each"),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Indexed and committed; bad lines listed", body = JsonAdded),
        (status = 400, description = "An empty body", body = ApiErrorBody),
        (status = 401, description = "No key, or the wrong key", body = ApiErrorBody),
        (status = 403, description = "The server is read-only (no --api-key)", body = ApiErrorBody),
        (status = 409, description = "Another process is writing to the index, or the server serves the built-in seed", body = ApiErrorBody),
        (status = 413, description = "The body is larger than --max-body", body = ApiErrorBody),
        (status = 422, description = "No line of the body is an article", body = ApiErrorBody),
    ))]
pub async fn add_articles(State(state): Shared, headers: HeaderMap, body: Body) -> Result<JsonBody, ApiError> {
    // The key is checked before the body is read: a client without it
    // cannot make the server take in megabytes.
    if !state.writable() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with --api-key KEY (or POISK_API_KEY) to index over HTTP",
        ));
    }
    let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    if !state.key_matches(authorization) {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "send the server's key as `Authorization: Bearer KEY`"));
    }
    if state.index.path().is_none() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "the server serves the seed articles built into poisk, which cannot be written; \
             create an index with `poisk index` and serve it with --index DIR",
        ));
    }
    let bytes = read_body(body, state.max_body).await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("the body is empty: send JSON lines, one article each"));
    }
    // One write at a time; the lock is held until the commit is visible.
    let _turn = state.writer.lock().await;
    let added = state
        .run(move |state| {
            let added = write(&state.index, &bytes)?;
            state.searcher.reload()?;
            Ok(added)
        })
        .await?;
    if added.indexed == 0 {
        let error = format!("no line of the body is an article ({} skipped)", added.skipped);
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, error).with_lines(added.errors));
    }
    JsonBody::of(&added)
}

/// The body, read within [`BODY_TIMEOUT`] and `max_body` bytes.
async fn read_body(body: Body, max_body: usize) -> Result<Bytes, ApiError> {
    match tokio::time::timeout(BODY_TIMEOUT, to_bytes(body, max_body)).await {
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("the body took longer than {} s to arrive", BODY_TIMEOUT.as_secs()),
        )),
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(err)) => {
            // The limit of the route's layer or of this read, however deep
            // in the chain of errors.
            let mut cause = std::error::Error::source(&err);
            let mut too_large = false;
            while let Some(e) = cause {
                too_large |= e.is::<http_body_util::LengthLimitError>();
                cause = e.source();
            }
            if too_large {
                Err(too_large_body(max_body))
            } else {
                Err(ApiError::bad_request(format!("the body could not be read: {err}")))
            }
        }
    }
}

/// Indexes the articles of a JSONL body and commits them, on a writer of
/// its own that is released afterwards, so that `poisk index` can write
/// between two requests. Nothing is committed when a write fails.
fn write(index: &poisk::Index, body: &[u8]) -> Result<JsonAdded, ApiError> {
    let options = WriterOptions { threads: Some(1), memory_mb: WRITER_MEMORY_MB };
    let mut writer = index.writer_with(&options).map_err(|e| match e {
        poisk::Error::Locked { .. } => ApiError::new(
            StatusCode::CONFLICT,
            "another process is writing to the index (`poisk index`?); try again when it is done",
        ),
        other => other.into(),
    })?;
    let mut added = JsonAdded { indexed: 0, quotes: 0, skipped: 0, errors: Vec::new() };
    let mut articles = JsonlReader::new(Cursor::new(body), "the body");
    while let Some(article) = articles.next() {
        match article {
            Ok(article) => {
                added.quotes += writer.add(&article)?;
                added.indexed += 1;
            }
            Err(poisk::Error::Parse { line, message, .. }) => {
                added.skipped += 1;
                added.errors.push(LineError { line, error: message });
            }
            Err(other) => {
                added.skipped += 1;
                added.errors.push(LineError { line: Some(articles.line()), error: other.to_string() });
            }
        }
    }
    if added.indexed > 0 {
        writer.commit()?;
    }
    writer.finish()?;
    Ok(added)
}
