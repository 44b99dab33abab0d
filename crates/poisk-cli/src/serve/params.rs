//! Query-string parameters: the options of `poisk search`, `timeline`,
//! `quotes` and `speakers`, by the same names (`--since` is `since=`).
//!
//! An unknown parameter is an error, as a misspelt option is: a typo in
//! `sicne=` should not silently search everything. An empty value
//! (`since=`) is the same as none, as a cleared form field sends it.

use std::fmt::Display;
use std::str::FromStr;
use std::time::Duration;

use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use poisk::search::{Facet, Facets, Interval, Sort, TimelineRequest};
use poisk::snippet::SnippetConfig;
use poisk::{Date, SearchRequest};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use utoipa::{IntoParams, ToSchema};

use super::error::ApiError;
use super::limits::{MAX_PAGE, MAX_QUOTES_PAGE};
use crate::args::Filters;

/// A query string read into `T`; a malformed one is a 400 with the
/// parameter at fault.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Params<T>, ApiError> {
        match Query::<T>::try_from_uri(&parts.uri) {
            Ok(Query(params)) => Ok(Params(params)),
            Err(rejection) => Err(ApiError::bad_request(rejection.body_text())),
        }
    }
}

/// The same parameters sent as a form body (`POST`, `Content-Type:
/// application/x-www-form-urlencoded`): for a query too long for a URL,
/// which hyper caps at 64 kB.
pub struct FormParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for FormParams<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<FormParams<T>, ApiError> {
        match Form::<T>::from_request(request, state).await {
            Ok(Form(params)) => Ok(FormParams(params)),
            // A form that does not fit the parameters is a bad request, as
            // the same query string is.
            Err(rejection) if rejection.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                Err(ApiError::bad_request(rejection.body_text()))
            }
            Err(rejection) => Err(ApiError::new(rejection.status(), rejection.body_text())),
        }
    }
}

/// `None` for a missing or empty value, else the value parsed.
fn empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    let value: Option<String> = Option::deserialize(d)?;
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

fn ten() -> usize {
    10
}

fn yes() -> bool {
    true
}

fn two() -> usize {
    2
}

fn fifty() -> usize {
    50
}

fn hundred() -> usize {
    100
}

/// The order of hits.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortParam {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Date,
}

/// One bar per day, ISO week, month or year.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum IntervalParam {
    Day,
    Week,
    #[default]
    Month,
    Year,
}

/// `GET /search`: the options of `poisk search`.
#[derive(Debug, Deserialize, IntoParams, ToSchema)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query, in poisk's query language (as `poisk search QUERY`);
    /// without one (or `*`), every match of the filters, newest first.
    #[serde(default)]
    q: String,
    /// How many hits (at most 100; more is lowered, with a warning).
    #[serde(default = "ten")]
    #[param(default = 10)]
    #[schema(default = 10)]
    limit: usize,
    /// How many of the best hits to skip; `offset + limit` at most 10,000.
    #[serde(default)]
    offset: usize,
    /// Quotations instead of articles.
    #[serde(default)]
    quotes: bool,
    /// Only quotes by this speaker, any form of the name (implies `quotes`).
    #[serde(default, deserialize_with = "empty_as_none")]
    speaker: Option<String>,
    /// Only documents of this source, as written (`ng.ru`).
    #[serde(default, deserialize_with = "empty_as_none")]
    source: Option<String>,
    /// Only documents dated on or after this day (`YYYY-MM-DD`).
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<String>, format = Date)]
    #[schema(value_type = Option<String>, format = Date)]
    since: Option<Date>,
    /// Only documents dated on or before this day (`YYYY-MM-DD`).
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<String>, format = Date)]
    #[schema(value_type = Option<String>, format = Date)]
    until: Option<Date>,
    /// `relevance` (the default) or `date` (newest first).
    #[serde(default)]
    #[param(inline)]
    #[schema(inline)]
    sort: SortParam,
    /// Snippets per hit (at most 20).
    #[serde(default = "two")]
    #[param(default = 2)]
    #[schema(default = 2)]
    snippets: usize,
    /// Count the matches by these, beside the hits: `source`, `speaker`,
    /// `year`, `month`, separated by commas (`facets=source,year`).
    #[serde(default, deserialize_with = "empty_as_none")]
    facets: Option<String>,
    /// How many values of a source or speaker facet (at most 100; more is
    /// lowered, with a warning).
    #[serde(default = "ten")]
    #[param(default = 10)]
    #[schema(default = 10)]
    facet_values: usize,
    /// Show articles whose text is nearly the same as a better hit's once,
    /// listed in its `duplicates` (the default); `false` shows each.
    #[serde(default = "yes")]
    #[param(default = true)]
    #[schema(default = true)]
    collapse: bool,
    /// How each score was built, under each hit (the first 100).
    #[serde(default)]
    explain: bool,
    /// Search the words exactly as typed: no typo correction and no
    /// keyboard-layout retry (as `poisk search --as-typed`).
    #[serde(default)]
    as_typed: bool,
    /// Seconds the search may take, at most the server's `--timeout`.
    #[serde(default, deserialize_with = "empty_as_none")]
    timeout: Option<f64>,
}

/// The time budget of a request: the server's, or less when the client
/// asks for less.
fn budget(server: Duration, asked: Option<f64>) -> Result<Duration, ApiError> {
    match asked {
        None => Ok(server),
        Some(s) if s.is_finite() && s > 0.0 => Ok(Duration::try_from_secs_f64(s).map_or(server, |d| d.min(server))),
        Some(s) => Err(ApiError::bad_request(format!("timeout: {s} is not a number of seconds above 0"))),
    }
}

/// The facets of `facets=source,year`.
fn facets(list: Option<&str>) -> Result<Facets, ApiError> {
    let names = list.into_iter().flat_map(|list| list.split(',')).filter(|name| !name.trim().is_empty());
    names.map(|name| name.parse::<Facet>().map_err(|e| ApiError::bad_request(format!("facets: {e}")))).collect()
}

impl SearchParams {
    /// The library's request, and the warnings of what was lowered here.
    pub fn request(&self, server_budget: Duration) -> Result<(SearchRequest, Vec<String>), ApiError> {
        let facets = facets(self.facets.as_deref())?;
        let mut warnings = Vec::new();
        let mut limit = self.limit;
        if limit > MAX_PAGE {
            warnings.push(format!("at most {MAX_PAGE} hits per request: {limit} lowered to {MAX_PAGE}"));
            limit = MAX_PAGE;
        }
        let filters = Filters {
            quotes: self.quotes,
            speaker: self.speaker.clone(),
            kind: None,
            speaker_kind: None,
            source: self.source.clone(),
            since: self.since,
            until: self.until,
            as_typed: self.as_typed,
        };
        let request = facets
            .iter()
            .fold(SearchRequest::new(filters.matching(&self.q)), SearchRequest::facet)
            .facet_values(self.facet_values)
            .collapse(self.collapse)
            .limit(limit)
            .offset(self.offset)
            .snippets(SnippetConfig { max_fragments: self.snippets, ..SnippetConfig::default() })
            .sort(match self.sort {
                SortParam::Relevance => Sort::Relevance,
                SortParam::Date => Sort::Date,
            })
            .explain(self.explain)
            .time_budget(budget(server_budget, self.timeout)?);
        Ok((request, warnings))
    }
}

/// `GET /timeline`: the options of `poisk timeline`.
#[derive(Debug, Deserialize, IntoParams, ToSchema)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TimelineParams {
    /// The query, in poisk's query language; without one, every match of
    /// the filters.
    #[serde(default)]
    q: String,
    /// `day`, `week` (ISO, Monday to Sunday), `month` (the default) or `year`.
    #[serde(default)]
    #[param(inline)]
    #[schema(inline)]
    by: IntervalParam,
    /// Count quotations instead of articles.
    #[serde(default)]
    quotes: bool,
    /// Only quotes by this speaker (implies `quotes`).
    #[serde(default, deserialize_with = "empty_as_none")]
    speaker: Option<String>,
    /// Only documents of this source, as written.
    #[serde(default, deserialize_with = "empty_as_none")]
    source: Option<String>,
    /// Only documents dated on or after this day.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<String>, format = Date)]
    #[schema(value_type = Option<String>, format = Date)]
    since: Option<Date>,
    /// Only documents dated on or before this day.
    #[serde(default, deserialize_with = "empty_as_none")]
    #[param(value_type = Option<String>, format = Date)]
    #[schema(value_type = Option<String>, format = Date)]
    until: Option<Date>,
    /// Count the words exactly as typed: no typo correction and no
    /// keyboard-layout retry.
    #[serde(default)]
    as_typed: bool,
    /// Seconds the count may take, at most the server's `--timeout`.
    #[serde(default, deserialize_with = "empty_as_none")]
    timeout: Option<f64>,
}

impl TimelineParams {
    pub fn request(&self, server_budget: Duration) -> Result<TimelineRequest, ApiError> {
        let filters = Filters {
            quotes: self.quotes,
            speaker: self.speaker.clone(),
            kind: None,
            speaker_kind: None,
            source: self.source.clone(),
            since: self.since,
            until: self.until,
            as_typed: self.as_typed,
        };
        Ok(TimelineRequest::new(filters.matching(&self.q))
            .by(match self.by {
                IntervalParam::Day => Interval::Day,
                IntervalParam::Week => Interval::Week,
                IntervalParam::Month => Interval::Month,
                IntervalParam::Year => Interval::Year,
            })
            .time_budget(budget(server_budget, self.timeout)?))
    }
}

/// `GET /articles/{id}`: the options of `poisk show`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArticleParams {
    /// Mark the words of this query (`highlights`, and each quote's).
    #[serde(default, deserialize_with = "empty_as_none")]
    pub q: Option<String>,
}

/// `GET /quotes`: the quotes of the index, in index order, a page at a time.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QuotesParams {
    /// Only quotes by this speaker, any form of the name.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub speaker: Option<String>,
    /// How many quotes (at most 1,000; more is lowered, with a warning).
    #[serde(default = "hundred")]
    #[param(default = 100)]
    pub limit: usize,
    /// How many to skip.
    #[serde(default)]
    pub offset: usize,
}

impl QuotesParams {
    /// The page size within its cap, and a warning when it was lowered.
    pub fn page(&self) -> (usize, Option<String>) {
        if self.limit > MAX_QUOTES_PAGE {
            let warning = format!("at most {MAX_QUOTES_PAGE} quotes per request: {} lowered", self.limit);
            (MAX_QUOTES_PAGE, Some(warning))
        } else {
            (self.limit, None)
        }
    }
}

/// `GET /speakers`: speakers by number of quotes.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SpeakersParams {
    /// How many speakers (0 for all).
    #[serde(default = "fifty")]
    #[param(default = 50)]
    pub limit: usize,
}
