//! The `bridgework` binary: with no command, opens the desktop editor;
//! otherwise parses the command line and runs it. A panic
//! (a bug) is reported in one line and exits 1, never with a backtrace.

use bridgework::cli::{Cli, run};
use clap::Parser;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "bridgework: internal error{place}: {}. This is a bug in Bridgework, not in your file; your files are unchanged.",
            bridgework::panic_message(info.payload())
        );
    }));
    let cli = Cli::parse();
    if let Some(bridgework::cli::Command::FrameBench(args)) = &cli.command {
        let args = args.clone();
        let code = std::panic::catch_unwind(move || match bridgework::app::frame_bench(&args) {
            Ok(report) => {
                println!("{report}");
                0
            }
            Err(e) => {
                eprintln!("bridgework: frame-bench: {e:#}");
                1
            }
        })
        .unwrap_or(1);
        std::process::exit(code);
    }
    if cli.command.is_none() {
        // The desktop editor, on FILE or the sample map.
        let code = std::panic::catch_unwind(|| match bridgework::app::run(cli.file) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("bridgework: {e:#}. The command line still works: bridgework --help");
                1
            }
        })
        .unwrap_or(1);
        std::process::exit(code);
    }
    let code = std::panic::catch_unwind(|| {
        let stdout = std::io::stdout();
        let stderr = std::io::stderr();
        run(cli, &mut stdout.lock(), &mut stderr.lock()).code()
    })
    .unwrap_or(1);
    std::process::exit(code);
}
