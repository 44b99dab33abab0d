//! `poisk completions` and `poisk man`: made from the clap definitions, so
//! they cannot drift from the real options.

use std::io::{self, BufWriter, Write};

use anyhow::Context;
use clap::CommandFactory;

use crate::Outcome;
use crate::args::{Cli, CompletionsArgs, ManArgs};

pub fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut out = BufWriter::new(io::stdout().lock());
    clap_complete::generate(args.shell, &mut Cli::command(), "poisk", &mut out);
    out.flush()?;
    Ok(Outcome::Found)
}

pub fn man(args: &ManArgs) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    // Building fills in what the page shows of subcommands: their usage
    // lines (`poisk timeline [OPTIONS] QUERY`) and the global options.
    command.build();
    let page = match &args.subcommand {
        None => clap_mangen::Man::new(command),
        Some(name) => {
            let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
            let sub = command
                .find_subcommand(name)
                .with_context(|| format!("no subcommand {name:?}; there are {}", names.join(", ")))?
                .clone();
            // The page's footer names the program and its version; a
            // subcommand has neither of its own.
            clap_mangen::Man::new(sub)
                .title(format!("poisk-{name}"))
                .source(format!("poisk {}", env!("CARGO_PKG_VERSION")))
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    page.render(&mut out)?;
    out.flush()?;
    Ok(Outcome::Found)
}
