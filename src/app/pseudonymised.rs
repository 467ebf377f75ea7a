//! File ▸ Export pseudonymised copy…, which writes the copy and its key
//! beside it. (Survey responses are imported through the import preview:
//! `opening.rs` and `importing.rs`.)

use super::BridgeworkApp;
use super::dialogs::Problem;
use super::replace_target::{AfterReplace, ReplaceQuestion, targets_question};
use crate::io::{ExportOptions, Format};
use std::path::Path;

impl BridgeworkApp {
    /// Writes the pseudonymised copy of the map to `path` and its key
    /// beside it; the document keeps its own file. A read-only file, a
    /// pipe or a socket at either is asked about first.
    pub(super) fn export_pseudonymised(&mut self, path: &Path) {
        let mut path = path.to_path_buf();
        if Format::from_extension(&path).is_none() && path.extension().is_none() {
            path.set_extension("json");
        }
        let question = crate::io::pseudonymised::pseudonymised_targets(&path, &Default::default())
            .ok()
            .and_then(|t| targets_question(&t));
        if let Some(question) = question {
            self.files.replace = Some(ReplaceQuestion {
                path,
                question,
                after: AfterReplace::Pseudonymised,
            });
            return;
        }
        self.export_pseudonymised_now(&path, false);
    }

    /// Writes the pseudonymised copy and its key now (over a read-only
    /// file, a pipe or a socket too when `replace_unusual`).
    pub(super) fn export_pseudonymised_now(&mut self, path: &Path, replace_unusual: bool) {
        let path = path.to_path_buf();
        let options = ExportOptions {
            keep_backup: true,
            replace_unusual,
            ..Default::default()
        };
        match crate::io::pseudonymised::save_pseudonymised(self.doc.network(), &path, &options) {
            Ok(paths) => {
                let key = crate::io::pseudonymised::key_path(&path);
                let copy: Vec<String> = paths
                    .iter()
                    .filter(|p| **p != key)
                    .map(|p| p.display().to_string())
                    .collect();
                self.status.set(format!(
                    "Exported {} with names as codes; the key is {}: keep it to yourself",
                    copy.join(" and "),
                    key.display()
                ));
            }
            Err(e) => {
                self.error = Some(Problem::new(
                    e.to_string(),
                    "The map is unchanged. Choose another name or folder and export again.",
                ));
            }
        }
    }
}
