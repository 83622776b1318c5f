//! The user's settings: key bindings, theme, borders, mouse, default corpus,
//! colours. The documented defaults are compiled in from
//! `assets/config.toml`; the user's file (in the config directory, or named
//! by `GWR_CONFIG`) is laid over them and overrides only what it names.
//!
//! A mistake never stops gwr: a syntax error makes gwr use the defaults for
//! the whole file (a half-parsed file could mean anything), a bad value or
//! unknown key is skipped, and each problem becomes a [`Diagnostic`] with
//! the line and the key.

use super::keys::KeySpec;
use super::paths::{Environment, Paths};
use super::theme::{Style, Theme};
use super::{line_of, Diagnostic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The documented default config, compiled in.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// What the diagnostics of the built-in config name as its file.
const BUILTIN_NAME: &str = "(built-in config)";

/// A config file larger than this is not a config file.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The theme every other theme falls back to, role by role.
pub const DEFAULT_THEME: &str = "default";

/// How pane borders are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Borders {
    /// Box-drawing characters.
    Unicode,
    /// `+`, `-`, `|`: for terminals that draw box-drawing characters two
    /// columns wide (some CJK fonts and locales).
    Ascii,
}

/// The effective settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Action name → its keys, only for actions the config names. These
    /// replace the action's default keys (the TUI's action table has the
    /// defaults); an empty list unbinds the action.
    pub keys: BTreeMap<String, Vec<KeySpec>>,
    /// The selected theme, resolved, with colours removed when `no_color`.
    pub theme: Theme,
    pub borders: Borders,
    /// Capture the mouse (wheel scrolls, click focuses and selects).
    pub mouse: bool,
    /// The corpus to open when no paths are given (`~` expanded, relative
    /// paths resolved against the config file's directory).
    pub corpus: Option<PathBuf>,
    /// No colours: set by `no_color = true` or a non-empty `NO_COLOR`.
    pub no_color: bool,
    /// Where each `[keys]` entry came from, for messages about it later.
    key_origins: BTreeMap<String, Origin>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    file: PathBuf,
    line: usize,
}

impl Default for Config {
    /// The built-in defaults, ignoring the environment.
    fn default() -> Self {
        Config::defaults_for(&Environment::default())
    }
}

impl Config {
    /// Read the config file at `paths.config_file` over the defaults. A
    /// missing file is fine (unless `GWR_CONFIG` named it); anything else
    /// wrong is reported and the defaults are used for it.
    pub fn load(paths: &Paths, env: &Environment) -> (Config, Vec<Diagnostic>) {
        let path = &paths.config_file;
        let text = match read_config(path, paths.config_from_env) {
            Ok(Some(text)) => text,
            Ok(None) => return (Config::defaults_for(env), Vec::new()),
            Err(diag) => return (Config::defaults_for(env), vec![diag]),
        };
        Config::from_toml(&text, path, env)
    }

    /// The built-in defaults, with `NO_COLOR` from `env` applied.
    pub fn defaults_for(env: &Environment) -> Config {
        builtin_draft().clone().finish(env, &mut Vec::new())
    }

    /// Lay the TOML `text` (the contents of `file`) over the defaults.
    pub fn from_toml(text: &str, file: &Path, env: &Environment) -> (Config, Vec<Diagnostic>) {
        let mut draft = builtin_draft().clone();
        let mut diags = Vec::new();
        draft.apply_text(text, file, env, &mut diags);
        draft.check_key_conflicts(&mut diags);
        let config = draft.finish(env, &mut diags);
        (config, diags)
    }

    /// Like [`Config::from_toml`] for raw bytes (which may not be UTF-8).
    pub fn from_toml_bytes(
        bytes: &[u8],
        file: &Path,
        env: &Environment,
    ) -> (Config, Vec<Diagnostic>) {
        match decode_utf8(bytes) {
            Ok(text) => Config::from_toml(text, file, env),
            Err(message) => (
                Config::defaults_for(env),
                vec![Diagnostic::about_file(file, message)],
            ),
        }
    }

    /// Drop `[keys]` entries whose action `is_known` rejects (the TUI owns
    /// the list of actions), with a message naming line and key for each.
    pub fn retain_known_actions(&mut self, is_known: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        let unknown: Vec<String> = self.keys.keys().filter(|a| !is_known(a)).cloned().collect();
        unknown
            .into_iter()
            .map(|action| {
                self.keys.remove(&action);
                let origin = self.key_origins.remove(&action);
                Diagnostic {
                    file: origin.as_ref().map(|o| o.file.clone()),
                    line: origin.map(|o| o.line),
                    key: Some(format!("keys.{action}")),
                    message: "unknown action (press ? in gwr for the list); ignored".into(),
                }
            })
            .collect()
    }
}

/// The file's text; `Ok(None)` when it does not exist and nobody asked for
/// it by name.
fn read_config(path: &Path, named_by_env: bool) -> Result<Option<String>, Diagnostic> {
    use super::bounded::{read_regular, ReadError};
    let bytes = match read_regular(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Missing) if !named_by_env => return Ok(None),
        Err(ReadError::NotRegular("a directory")) => {
            return Err(Diagnostic::about_file(
                path,
                "is a directory, not a config file; using the defaults",
            ))
        }
        Err(ReadError::TooLarge(_)) => {
            return Err(Diagnostic::about_file(
                path,
                "too large to be a config file (over 1 MiB); using the defaults",
            ))
        }
        Err(e) => {
            return Err(Diagnostic::about_file(
                path,
                format!("cannot read the config ({e}); using the defaults"),
            ))
        }
    };
    decode_utf8(&bytes)
        .map(|s| Some(s.to_string()))
        .map_err(|m| Diagnostic::about_file(path, m))
}

fn decode_utf8(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); using the defaults",
            e.valid_up_to()
        )
    })
}

/// The built-in config, parsed once. It names no paths and does not depend
/// on the environment.
fn builtin_draft() -> &'static Draft {
    static DRAFT: std::sync::OnceLock<Draft> = std::sync::OnceLock::new();
    DRAFT.get_or_init(|| {
        let (draft, diags) = parse_builtin();
        // Tested to be empty (`builtin_config_is_clean_and_complete`).
        debug_assert!(diags.is_empty(), "built-in config: {diags:?}");
        draft
    })
}

/// The built-in config as one layer, with what its parse found wrong.
fn parse_builtin() -> (Draft, Vec<Diagnostic>) {
    let mut draft = Draft::default();
    let mut diags = Vec::new();
    draft.apply_text(
        DEFAULT_CONFIG,
        Path::new(BUILTIN_NAME),
        &Environment::default(),
        &mut diags,
    );
    (draft, diags)
}

/// Settings accumulated layer by layer, before the theme is resolved.
#[derive(Default, Clone)]
struct Draft {
    theme_name: Option<(String, Origin)>,
    /// Theme name → role → style, from every layer.
    themes: BTreeMap<String, BTreeMap<String, Style>>,
    borders: Option<Borders>,
    mouse: Option<bool>,
    corpus: Option<PathBuf>,
    no_color: Option<bool>,
    keys: BTreeMap<String, Vec<KeySpec>>,
    key_origins: BTreeMap<String, Origin>,
}

/// Top-level settings, listed in messages about unknown keys.
const TOP_LEVEL: &str = "theme, borders, mouse, no_color, corpus, [keys], [themes.NAME]";

/// Where a value sits, for diagnostics.
struct Ctx<'a> {
    text: &'a str,
    file: &'a Path,
}

impl Ctx<'_> {
    fn diag(
        &self,
        span: std::ops::Range<usize>,
        key: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: Some(self.file.to_path_buf()),
            line: Some(line_of(self.text, span.start)),
            key: (!key.is_empty()).then(|| key.to_string()),
            message: message.into(),
        }
    }

    fn origin(&self, span: std::ops::Range<usize>) -> Origin {
        Origin {
            file: self.file.to_path_buf(),
            line: line_of(self.text, span.start),
        }
    }
}

impl Draft {
    fn apply_text(
        &mut self,
        text: &str,
        file: &Path,
        env: &Environment,
        diags: &mut Vec<Diagnostic>,
    ) {
        let ctx = Ctx { text, file };
        let (table, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            // Recovery guesses (`mouse = tru` comes back as a boolean), so
            // nothing from a file with syntax errors is trusted.
            const SHOWN: usize = 5;
            for e in errors.iter().take(SHOWN) {
                let span = e.span().unwrap_or(0..0);
                diags.push(ctx.diag(
                    span,
                    "",
                    format!(
                        "syntax error: {}; using the defaults for the whole file",
                        e.message()
                    ),
                ));
            }
            if errors.len() > SHOWN {
                diags.push(Diagnostic::about_file(
                    file,
                    format!("{} more syntax errors", errors.len() - SHOWN),
                ));
            }
            return;
        }
        let base_dir = file.parent().unwrap_or(Path::new("."));
        for (key, value) in table.get_ref().iter() {
            let name = key.get_ref().as_ref();
            let kspan = key.span();
            match name {
                "theme" => {
                    if let Some(s) = expect_str(&ctx, name, value, diags) {
                        self.theme_name = Some((s.to_string(), ctx.origin(kspan)));
                    }
                }
                "borders" => {
                    if let Some(s) = expect_str(&ctx, name, value, diags) {
                        match s.to_ascii_lowercase().as_str() {
                            "unicode" => self.borders = Some(Borders::Unicode),
                            "ascii" => self.borders = Some(Borders::Ascii),
                            _ => diags.push(ctx.diag(
                                value.span(),
                                name,
                                format!("expected \"unicode\" or \"ascii\", found {s:?}; using the default"),
                            )),
                        }
                    }
                }
                "mouse" => {
                    if let Some(b) = expect_bool(&ctx, name, value, diags) {
                        self.mouse = Some(b);
                    }
                }
                "no_color" => {
                    if let Some(b) = expect_bool(&ctx, name, value, diags) {
                        self.no_color = Some(b);
                    }
                }
                "corpus" => {
                    if let Some(s) = expect_str(&ctx, name, value, diags) {
                        self.corpus = resolve_path(s, base_dir, env.home.as_deref());
                    }
                }
                "keys" => self.apply_keys(&ctx, value, diags),
                "themes" => self.apply_themes(&ctx, value, diags),
                _ => diags.push(ctx.diag(
                    kspan,
                    name,
                    format!("unknown setting (known: {TOP_LEVEL}); ignored"),
                )),
            }
        }
    }

    fn apply_keys(&mut self, ctx: &Ctx, value: &Spanned<DeValue>, diags: &mut Vec<Diagnostic>) {
        let Some(table) = expect_table(ctx, "keys", value, diags) else {
            return;
        };
        for (action, spec) in table.iter() {
            let action_name = action.get_ref().as_ref();
            let key = format!("keys.{action_name}");
            let items: Vec<&Spanned<DeValue>> = match spec.get_ref() {
                DeValue::String(_) => vec![spec],
                DeValue::Array(arr) => arr.iter().collect(),
                other => {
                    diags.push(ctx.diag(
                        spec.span(),
                        &key,
                        format!(
                            "expected a key (\"j\") or a list of keys ([\"j\", \"down\"]), found {}; \
                             the default keys are kept",
                            describe(other)
                        ),
                    ));
                    continue;
                }
            };
            let mut parsed = Vec::with_capacity(items.len());
            let mut ok = true;
            for item in items {
                let result = match item.get_ref() {
                    DeValue::String(s) => KeySpec::parse(s).map_err(|e| e.to_string()),
                    other => Err(format!(
                        "expected a key as a string, found {}",
                        describe(other)
                    )),
                };
                match result {
                    Ok(k) => {
                        if !parsed.contains(&k) {
                            parsed.push(k);
                        }
                    }
                    Err(message) => {
                        ok = false;
                        diags.push(ctx.diag(
                            item.span(),
                            &key,
                            format!("{message}; the default keys are kept"),
                        ));
                    }
                }
            }
            if ok {
                self.keys.insert(action_name.to_string(), parsed);
                self.key_origins
                    .insert(action_name.to_string(), ctx.origin(action.span()));
            }
        }
    }

    fn apply_themes(&mut self, ctx: &Ctx, value: &Spanned<DeValue>, diags: &mut Vec<Diagnostic>) {
        let Some(themes) = expect_table(ctx, "themes", value, diags) else {
            return;
        };
        for (theme_key, roles) in themes.iter() {
            let theme_name = theme_key.get_ref().as_ref();
            let path = format!("themes.{theme_name}");
            let Some(roles) = expect_table(ctx, &path, roles, diags) else {
                continue;
            };
            let theme = self.themes.entry(theme_name.to_string()).or_default();
            for (role_key, spec) in roles.iter() {
                let role = role_key.get_ref().as_ref();
                let key = format!("{path}.{role}");
                if !Theme::ROLES.contains(&role) {
                    diags.push(ctx.diag(
                        role_key.span(),
                        &key,
                        format!(
                            "unknown style name (known: {}); ignored",
                            Theme::ROLES.join(", ")
                        ),
                    ));
                    continue;
                }
                let Some(s) = expect_str(ctx, &key, spec, diags) else {
                    continue;
                };
                match Style::parse(s) {
                    Ok(style) => {
                        theme.insert(role.to_string(), style);
                    }
                    Err(message) => diags.push(ctx.diag(
                        spec.span(),
                        &key,
                        format!("{message}; using the default style"),
                    )),
                }
            }
        }
    }

    /// The same key bound to two actions in one file is almost certainly a
    /// mistake; say so (the TUI decides which wins).
    fn check_key_conflicts(&self, diags: &mut Vec<Diagnostic>) {
        let mut seen: BTreeMap<KeySpec, &str> = BTreeMap::new();
        for (action, specs) in &self.keys {
            for spec in specs {
                if let Some(first) = seen.insert(*spec, action) {
                    let origin = self.key_origins.get(action.as_str());
                    diags.push(Diagnostic {
                        file: origin.map(|o| o.file.clone()),
                        line: origin.map(|o| o.line),
                        key: Some(format!("keys.{action}")),
                        message: format!("key {spec} is also bound to {first}"),
                    });
                }
            }
        }
    }

    fn finish(self, env: &Environment, diags: &mut Vec<Diagnostic>) -> Config {
        let mut name = DEFAULT_THEME.to_string();
        if let Some((wanted, origin)) = self.theme_name {
            if self.themes.contains_key(&wanted) {
                name = wanted;
            } else {
                let known: Vec<&str> = self.themes.keys().map(String::as_str).collect();
                diags.push(Diagnostic {
                    file: Some(origin.file),
                    line: Some(origin.line),
                    key: Some("theme".into()),
                    message: format!(
                        "no theme named {wanted:?} (known: {}); using \"{DEFAULT_THEME}\"",
                        known.join(", ")
                    ),
                });
            }
        }
        let mut theme = Theme::plain(&name);
        for layer in [DEFAULT_THEME, name.as_str()] {
            for (role, style) in self.themes.get(layer).into_iter().flatten() {
                if let Some(slot) = theme.role_mut(role) {
                    *slot = *style;
                }
            }
        }
        let no_color = env.no_color || self.no_color.unwrap_or(false);
        if no_color {
            theme = theme.without_colors();
        }
        Config {
            keys: self.keys,
            theme,
            borders: self.borders.unwrap_or(Borders::Unicode),
            mouse: self.mouse.unwrap_or(false),
            corpus: self.corpus,
            no_color,
            key_origins: self.key_origins,
        }
    }
}

/// `~/x` → home/x; a relative path → against the config's directory; `""`
/// → none (the built-in corpus).
fn resolve_path(s: &str, base_dir: &Path, home: Option<&Path>) -> Option<PathBuf> {
    if s.is_empty() {
        return None;
    }
    let tilde_rest = if s == "~" {
        Some("")
    } else {
        s.strip_prefix("~/").or_else(|| s.strip_prefix("~\\"))
    };
    if let (Some(rest), Some(home)) = (tilde_rest, home) {
        return Some(home.join(rest));
    }
    let p = Path::new(s);
    Some(if p.is_absolute() {
        p.to_path_buf()
    } else {
        base_dir.join(p)
    })
}

fn describe(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn expect_str<'v>(
    ctx: &Ctx,
    key: &str,
    value: &'v Spanned<DeValue>,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'v str> {
    match value.get_ref() {
        DeValue::String(s) => Some(s.as_ref()),
        other => {
            diags.push(ctx.diag(
                value.span(),
                key,
                format!(
                    "expected a string, found {}; using the default",
                    describe(other)
                ),
            ));
            None
        }
    }
}

fn expect_bool(
    ctx: &Ctx,
    key: &str,
    value: &Spanned<DeValue>,
    diags: &mut Vec<Diagnostic>,
) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        other => {
            diags.push(ctx.diag(
                value.span(),
                key,
                format!(
                    "expected true or false, found {}; using the default",
                    describe(other)
                ),
            ));
            None
        }
    }
}

fn expect_table<'v, 'i>(
    ctx: &Ctx,
    key: &str,
    value: &'v Spanned<DeValue<'i>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'v DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            diags.push(ctx.diag(
                value.span(),
                key,
                format!(
                    "expected a table, found {}; using the defaults",
                    describe(other)
                ),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::theme::Color;

    fn user(text: &str) -> (Config, Vec<Diagnostic>) {
        Config::from_toml(text, Path::new("/cfg/config.toml"), &Environment::default())
    }

    #[test]
    fn builtin_config_is_clean_and_complete() {
        let (draft, diags) = parse_builtin();
        assert!(diags.is_empty(), "{diags:?}");
        // The default theme names every role, so other themes may be partial.
        let default = draft.themes.get(DEFAULT_THEME).cloned().unwrap_or_default();
        for role in Theme::ROLES {
            assert!(default.contains_key(*role), "themes.default lacks {role}");
        }
        let c = Config::default();
        assert_eq!(c.theme.name, DEFAULT_THEME);
        assert_eq!(c.borders, Borders::Unicode);
        assert!(!c.mouse && !c.no_color && c.corpus.is_none() && c.keys.is_empty());
        // Headings and selection must stay distinguishable without colour.
        let mono = c.theme.without_colors();
        assert_ne!(mono.heading1, mono.text);
        assert_ne!(mono.selection, mono.text);
    }

    #[test]
    fn every_builtin_theme_resolves() {
        let (draft, _) = parse_builtin();
        let names: Vec<String> = draft.themes.keys().cloned().collect();
        assert!(names.len() >= 2, "{names:?}");
        for name in names {
            let (c, d) = user(&format!("theme = {name:?}"));
            assert!(d.is_empty(), "{d:?}");
            assert_eq!(c.theme.name, name);
        }
    }

    #[test]
    fn user_theme_inherits_unnamed_roles() {
        let (c, d) = user("theme = \"mine\"\n[themes.mine]\nheading1 = \"bold #ff0000\"\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.theme.heading1.fg, Some(Color::Rgb(255, 0, 0)));
        assert_eq!(c.theme.selection, Config::default().theme.selection);
    }

    #[test]
    fn corpus_paths() {
        let home = Some(Path::new("/home/u"));
        let base = Path::new("/cfg");
        assert_eq!(resolve_path("", base, home), None);
        assert_eq!(
            resolve_path("~/r", base, home),
            Some(PathBuf::from("/home/u/r"))
        );
        assert_eq!(
            resolve_path("~", base, home),
            Some(PathBuf::from("/home/u"))
        );
        assert_eq!(resolve_path("r", base, home), Some(PathBuf::from("/cfg/r")));
        assert_eq!(
            resolve_path("/abs", base, home),
            Some(PathBuf::from("/abs"))
        );
        assert_eq!(
            resolve_path("~/r", base, None),
            Some(PathBuf::from("/cfg/~/r"))
        );
    }

    #[test]
    fn keys_accept_a_string_or_a_list_and_empty_unbinds() {
        let (c, d) = user("[keys]\nquit = \"x\"\ndown = [\"j\", \"down\", \"j\"]\nhelp = []\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.keys.get("quit"), Some(&vec![KeySpec::char('x')]));
        assert_eq!(c.keys.get("down").map(Vec::len), Some(2));
        assert_eq!(c.keys.get("help"), Some(&vec![]));
    }

    #[test]
    fn conflicting_keys_are_reported() {
        let (_, d) = user("[keys]\nquit = \"x\"\nhelp = [\"?\", \"x\"]\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("also bound"));
    }

    #[test]
    fn unknown_actions_are_dropped_with_their_line() {
        let (mut c, d) = user("\n[keys]\nquit = \"x\"\nfly = \"f\"\n");
        assert!(d.is_empty());
        let dropped = c.retain_known_actions(|a| a == "quit");
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].line, Some(4));
        assert_eq!(dropped[0].key.as_deref(), Some("keys.fly"));
        assert!(c.keys.contains_key("quit") && !c.keys.contains_key("fly"));
    }

    #[test]
    fn bom_and_non_utf8() {
        let env = Environment::default();
        let (c, d) = Config::from_toml_bytes(b"\xEF\xBB\xBFmouse = true\n", Path::new("c"), &env);
        assert!(d.is_empty() && c.mouse);
        let (c, d) = Config::from_toml_bytes(b"mouse = true\xff\n", Path::new("c"), &env);
        assert_eq!(d.len(), 1);
        assert!(!c.mouse);
    }
}

#[cfg(test)]
mod hostile_input {
    use super::*;

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let env = Environment::default();
        let file = Path::new("c.toml");
        for text in [
            format!("a = {}", "[".repeat(100_000)),
            format!("a = {}1{}", "[".repeat(5_000), "]".repeat(5_000)),
            format!("a = {}", "{b = ".repeat(50_000)),
            format!("{} = 1", vec!["k"; 50_000].join(".")),
            format!("[{}]", vec!["t"; 50_000].join(".")),
            "\"".repeat(100_000),
        ] {
            let (config, _) = Config::from_toml(&text, file, &env);
            assert_eq!(config.theme.name, DEFAULT_THEME);
        }
    }
}
