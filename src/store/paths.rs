//! Where gwr's files live: the platform's directories (`directories`), each
//! overridable by an environment variable so tests and scripts stay out of
//! the real home. The one place that reads these variables:
//!
//! | variable | what | default on Linux |
//! |---|---|---|
//! | `GWR_CONFIG_DIR` | the config directory: `config.toml`, `topics.toml` | `~/.config/gwr` |
//! | `GWR_CONFIG` | one config file instead of `<config dir>/config.toml` | |
//! | `GWR_STATE_DIR` | reading positions, bookmarks, marks (`state.json`) | `~/.local/state/gwr` |
//! | `GWR_CACHE_DIR` | the search index and the catalogue | `~/.cache/gwr` |

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Points to a config file to read instead of the default one.
pub const CONFIG_VAR: &str = "GWR_CONFIG";
/// The config directory (`config.toml`, `topics.toml`).
pub const CONFIG_DIR_VAR: &str = "GWR_CONFIG_DIR";
/// Directory for the reading state (`state.json`).
pub const STATE_DIR_VAR: &str = "GWR_STATE_DIR";
/// Directory for caches (the search index).
pub const CACHE_DIR_VAR: &str = "GWR_CACHE_DIR";
/// The config file's name in the config directory.
pub const CONFIG_FILE_NAME: &str = "config.toml";
/// <https://no-color.org>: set and non-empty → no colours.
pub const NO_COLOR_VAR: &str = "NO_COLOR";

/// The parts of the process environment the store looks at, captured once
/// so tests can pass their own instead of mutating the (shared) process
/// environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `GWR_CONFIG`: a config file that must exist (its absence is
    /// reported).
    pub config_file: Option<PathBuf>,
    /// `GWR_CONFIG_DIR`: a directory to use instead of the platform's
    /// config directory. Its `config.toml` may be absent, like the
    /// platform's.
    pub config_dir: Option<PathBuf>,
    /// `GWR_STATE_DIR`.
    pub state_dir: Option<PathBuf>,
    /// `GWR_CACHE_DIR`.
    pub cache_dir: Option<PathBuf>,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// The user's home, for `~/` in config paths.
    pub home: Option<PathBuf>,
    /// Use the platform's directories for what is not overridden. Off in
    /// tests so nothing can reach the real home.
    pub platform_dirs: bool,
}

impl Environment {
    /// Read the variables above from the running process.
    pub fn from_process() -> Self {
        Environment {
            config_file: non_empty(std::env::var_os(CONFIG_VAR)).map(PathBuf::from),
            config_dir: non_empty(std::env::var_os(CONFIG_DIR_VAR)).map(PathBuf::from),
            state_dir: non_empty(std::env::var_os(STATE_DIR_VAR)).map(PathBuf::from),
            cache_dir: non_empty(std::env::var_os(CACHE_DIR_VAR)).map(PathBuf::from),
            no_color: non_empty(std::env::var_os(NO_COLOR_VAR)).is_some(),
            home: directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()),
            platform_dirs: true,
        }
    }

    /// Everything in one directory (`config.toml`, `state/`, `cache/`), for
    /// tests and portable setups.
    pub fn rooted_at(dir: &Path) -> Self {
        Environment {
            config_file: None,
            config_dir: Some(dir.to_path_buf()),
            state_dir: Some(dir.join("state")),
            cache_dir: Some(dir.join("cache")),
            no_color: false,
            home: None,
            platform_dirs: false,
        }
    }
}

/// An unset variable and an empty one mean the same: "not given".
fn non_empty(v: Option<OsString>) -> Option<OsString> {
    v.filter(|s| !s.is_empty())
}

/// The config directory: `GWR_CONFIG_DIR`, else the platform's (when the
/// environment allows platform directories).
pub fn config_dir(env: &Environment) -> Option<PathBuf> {
    env.config_dir.clone().or_else(|| {
        env.platform_dirs
            .then(|| directories::ProjectDirs::from("", "", "gwr"))
            .flatten()
            .map(|p| p.config_dir().to_path_buf())
    })
}

/// The resolved locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The config file (may not exist: then the defaults apply).
    pub config_file: PathBuf,
    /// Where `state.json` lives.
    pub state_dir: PathBuf,
    /// Where caches (the search index) live.
    pub cache_dir: PathBuf,
    /// The config file was named by `GWR_CONFIG`, so its absence is worth
    /// a message.
    pub config_from_env: bool,
}

impl Paths {
    /// Resolve every location: the override if given, else the platform's
    /// directory for the application "gwr" (on Linux `~/.config/gwr/`,
    /// `~/.local/state/gwr/`, `~/.cache/gwr/`). Fails only when a location
    /// has neither, with a message saying which.
    pub fn new(env: &Environment) -> Result<Paths, String> {
        let project = if env.platform_dirs {
            directories::ProjectDirs::from("", "", "gwr")
        } else {
            None
        };
        let config_file = env
            .config_file
            .clone()
            .or_else(|| config_dir(env).map(|d| d.join(CONFIG_FILE_NAME)));
        // Only Linux has a state directory; elsewhere the local data
        // directory is the conventional place for it.
        let state_dir = env.state_dir.clone().or_else(|| {
            project.as_ref().map(|p| {
                p.state_dir()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| p.data_local_dir().to_path_buf())
            })
        });
        let cache_dir = env
            .cache_dir
            .clone()
            .or_else(|| project.as_ref().map(|p| p.cache_dir().to_path_buf()));
        let missing: Vec<&str> = [
            (config_file.is_none(), CONFIG_VAR),
            (state_dir.is_none(), STATE_DIR_VAR),
            (cache_dir.is_none(), CACHE_DIR_VAR),
        ]
        .iter()
        .filter(|(none, _)| *none)
        .map(|(_, var)| *var)
        .collect();
        match (config_file, state_dir, cache_dir) {
            (Some(config_file), Some(state_dir), Some(cache_dir)) => Ok(Paths {
                config_file,
                state_dir,
                cache_dir,
                config_from_env: env.config_file.is_some(),
            }),
            _ => Err(format!(
                "no home directory found; set {} to remember settings and reading positions",
                missing.join(", ")
            )),
        }
    }

    /// The reading state file.
    pub fn state_file(&self) -> PathBuf {
        self.state_dir.join(crate::store::state::STATE_FILE_NAME)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win_and_missing_locations_are_named() {
        let env = Environment::rooted_at(Path::new("/x"));
        let paths = Paths::new(&env).expect("all overridden");
        assert_eq!(paths.config_file, Path::new("/x/config.toml"));
        assert_eq!(paths.state_file(), Path::new("/x/state/state.json"));
        assert_eq!(paths.cache_dir, Path::new("/x/cache"));
        assert!(!paths.config_from_env);
        let named = Environment {
            config_file: Some("/elsewhere.toml".into()),
            ..env
        };
        let paths = Paths::new(&named).expect("all overridden");
        assert_eq!(paths.config_file, Path::new("/elsewhere.toml"));
        assert!(paths.config_from_env);

        let partial = Environment {
            state_dir: Some("/s".into()),
            ..Environment::default()
        };
        let err = Paths::new(&partial).expect_err("no platform dirs, no overrides");
        assert!(err.contains(CONFIG_VAR) && err.contains(CACHE_DIR_VAR));
        assert!(!err.contains(STATE_DIR_VAR));
    }

    #[test]
    fn empty_variables_are_unset() {
        assert_eq!(non_empty(Some(OsString::new())), None);
        assert_eq!(non_empty(Some("a".into())), Some(OsString::from("a")));
    }
}
