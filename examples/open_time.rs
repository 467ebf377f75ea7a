//! How long opening a map takes in the app: the work the "bridgework-open"
//! thread does (`plan_or_load`: read, decode, parse, build the network),
//! timed for each file named. Run with
//! `cargo run --release --example open_time -- FILE...`; peak memory with
//! `/usr/bin/time -v` around it.

use bridgework::io::ImportOptions;
use bridgework::io::mapping::{Opened, plan_or_load};
use std::time::Instant;

fn main() {
    for arg in std::env::args().skip(1) {
        let path = std::path::Path::new(&arg);
        let started = Instant::now();
        match plan_or_load(path, &ImportOptions::default()) {
            Ok(Opened::Map(loaded)) => println!(
                "{arg}: opened {} actors, {} ties in {:.2} s",
                loaded.network.actors().len(),
                loaded.network.ties().len(),
                started.elapsed().as_secs_f64()
            ),
            Ok(Opened::Plan(_)) => println!(
                "{arg}: read for the import preview in {:.2} s",
                started.elapsed().as_secs_f64()
            ),
            Err(e) => println!("{arg}: {e}"),
        }
    }
}
