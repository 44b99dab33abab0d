//! The `poisk` command: arguments in, a library call, a printer out.

mod args;
mod bench_cmd;
mod check_cmd;
mod cluster_cmd;
mod completions_cmd;
mod index_cmd;
mod open;
mod printer;
mod quotes_cmd;
mod search_cmd;
mod serve;
mod show_cmd;
mod stats_cmd;
mod timeline_cmd;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

/// What a command ended with, as ripgrep reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something matched (or the work was done).
    Found,
    /// Nothing matched, or some input was skipped.
    NotFound,
}

fn main() -> ExitCode {
    let args = with_search_shortcut(std::env::args_os().collect());
    if let Err(message) = args::check_search_options(&args) {
        <Cli as clap::CommandFactory>::command().error(clap::error::ErrorKind::UnknownArgument, message).exit();
    }
    let cli = Cli::parse_from(args);
    let result = match cli.command {
        command if let Some(why) = cluster_cmd::refusal(&command) => Err(anyhow::anyhow!(
            "--engine works with index, search, show, quotes, speakers, timeline and stats, not here: {why}"
        )),
        Command::Index(args) => index_cmd::run(&args),
        Command::Search(args) => search_cmd::run(&args),
        Command::Show(args) => show_cmd::run(&args),
        Command::Similar(args) => show_cmd::similar(&args),
        Command::Quotes(args) => quotes_cmd::run(&args),
        Command::Speakers(args) => quotes_cmd::speakers(&args),
        Command::Timeline(args) => timeline_cmd::run(&args),
        Command::Stats(args) => stats_cmd::run(&args),
        Command::Check(args) => check_cmd::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Bench(args) => bench_cmd::run(&args),
        Command::Completions(args) => completions_cmd::completions(&args),
        Command::Man(args) => completions_cmd::man(&args),
        Command::Cluster(command) => cluster_cmd::run(&command),
    };
    match result {
        Ok(Outcome::Found) => ExitCode::from(0),
        Ok(Outcome::NotFound) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(0),
        Err(err) => {
            let _ = writeln!(io::stderr(), "poisk: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// `poisk QUERY…` as `poisk search QUERY…`: when the first argument is
/// neither an option nor a subcommand (nor `help`), `search` is put
/// before it. A query that is the name of a subcommand (`poisk stats`)
/// stays that subcommand; `poisk search stats` searches for it.
fn with_search_shortcut(mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(first) = args.get(1).and_then(|a| a.to_str()) else {
        return args;
    };
    let command = <Cli as clap::CommandFactory>::command();
    let is_subcommand = first == "help"
        || command.get_subcommands().any(|c| c.get_name() == first || c.get_all_aliases().any(|a| a == first));
    if !first.starts_with('-') && !is_subcommand {
        args.insert(1, OsString::from("search"));
    }
    args
}

/// The error and its causes, joined by `: `, leaving out a cause whose
/// words are already there (`idx: No space left on device` names its
/// cause, which is also its source).
fn message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.downcast_ref::<poisk::Error>().map_or_else(|| cause.to_string(), describe);
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// A library error as the CLI tells it: what is wrong, as the library
/// says, and what to do about it with poisk's commands, which the library
/// does not know.
pub fn describe(err: &poisk::Error) -> String {
    let hint = match err {
        poisk::Error::BadIndex { detail: Some(_), .. } => {
            " (`poisk check` names the damaged files); rebuild it with `poisk index --rebuild`"
        }
        poisk::Error::BadIndex { .. } => "; rebuild it with `poisk index --rebuild`",
        poisk::Error::NotAnIndex { .. } => "; name a new or empty directory for the index",
        _ => "",
    };
    format!("{err}{hint}")
}

/// A reader that closed the pipe (`poisk search … | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shortcut(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        with_search_shortcut(args).into_iter().map(|a| a.into_string().unwrap()).collect()
    }

    #[test]
    fn a_query_without_a_subcommand_is_a_search() {
        assert_eq!(shortcut(&["poisk", "Курской области"]), ["poisk", "search", "Курской области"]);
        assert_eq!(shortcut(&["poisk", "путин", "-n", "3"]), ["poisk", "search", "путин", "-n", "3"]);
        // Subcommands, options and nothing at all are left alone.
        assert_eq!(shortcut(&["poisk", "stats"]), ["poisk", "stats"]);
        assert_eq!(shortcut(&["poisk", "help"]), ["poisk", "help"]);
        assert_eq!(shortcut(&["poisk", "--help"]), ["poisk", "--help"]);
        assert_eq!(shortcut(&["poisk"]), ["poisk"]);
    }
}
