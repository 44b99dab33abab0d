//! The `poisk` command: arguments in, a library call, a printer out.

mod args;
mod check_cmd;
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
    let cli = Cli::parse();
    let result = match cli.command {
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
        Command::Completions(args) => completions_cmd::completions(&args),
        Command::Man(args) => completions_cmd::man(&args),
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
