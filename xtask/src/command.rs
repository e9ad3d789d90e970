//! External commands: each one is printed before it runs, and none inherits the WebKit variables that
//! make WebDriver screenshots hang.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Variables that must not reach WebKit: with either one set, the WebDriver screenshot command hangs
/// forever, and neither is needed under Xvfb (see shared/docs/testing-the-app.md).
pub const WEBKIT_VARS: [&str; 2] = [
    "WEBKIT_DISABLE_DMABUF_RENDERER",
    "WEBKIT_DISABLE_COMPOSITING_MODE",
];

/// Why a task could not go on; the text is meant for the developer and says what to do next.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A command to run, with the text shown for it (`$ cd ui && npm ci`).
pub struct Cmd {
    inner: Command,
    program: OsString,
    args: Vec<OsString>,
    envs: Vec<(String, OsString)>,
    cwd: Option<PathBuf>,
}

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        let mut inner = Command::new(program.as_ref());
        for var in WEBKIT_VARS {
            inner.env_remove(var);
        }
        Self {
            inner,
            program: program.as_ref().to_owned(),
            args: Vec::new(),
            envs: Vec::new(),
            cwd: None,
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.inner.arg(arg.as_ref());
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for arg in args {
            self = self.arg(arg);
        }
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.inner.env(key, value.as_ref());
        self.envs.push((key.to_owned(), value.as_ref().to_owned()));
        self
    }

    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.inner.current_dir(dir);
        self.cwd = Some(dir.to_owned());
        self
    }

    /// The command as a shell line, with paths shown relative to the repository root.
    pub fn display(&self) -> String {
        let root = crate::workspace::root();
        let show = |value: &OsStr| {
            // The cargo running this task is shown by name, not by its toolchain path.
            let path = Path::new(value);
            if path.is_absolute() && path.file_name().is_some_and(|name| name == "cargo") {
                return "cargo".to_owned();
            }
            let text = value.to_string_lossy();
            let text = match Path::new(text.as_ref()).strip_prefix(&root) {
                Ok(relative) if !relative.as_os_str().is_empty() => {
                    relative.to_string_lossy().into_owned()
                }
                _ => text.into_owned(),
            };
            quote(&text)
        };
        let mut line = String::new();
        if let Some(dir) = self.cwd.as_ref().filter(|dir| **dir != root) {
            line.push_str(&format!("cd {} && ", show(dir.as_os_str())));
        }
        for (key, value) in &self.envs {
            if key == "PATH" {
                line.push_str("PATH=… ");
            } else {
                line.push_str(&format!("{key}={} ", show(value)));
            }
        }
        line.push_str(&show(&self.program));
        for arg in &self.args {
            line.push(' ');
            line.push_str(&show(arg));
        }
        line
    }

    /// Runs the command to its end; a non-zero exit is an error.
    pub fn run(mut self) -> Result<()> {
        let shown = self.display();
        println!("$ {shown}");
        let status = self
            .inner
            .status()
            .map_err(|e| Error::new(format!("could not start `{shown}`: {e}")))?;
        check(status, &shown)
    }

    /// Runs the command without printing it and returns its standard output, whatever its exit status
    /// (for queries such as `dpkg-query`, whose exit status only says that something was not found).
    pub fn query(mut self) -> Result<String> {
        let shown = self.display();
        let output = self
            .inner
            .stderr(Stdio::null())
            .output()
            .map_err(|e| Error::new(format!("could not start `{shown}`: {e}")))?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Starts the command in the background and prints it.
    pub fn spawn(self) -> Result<Child> {
        self.spawn_with(Stdio::inherit())
    }

    /// Starts the command in the background with the given standard output, and prints it.
    pub fn spawn_with(mut self, stdout: Stdio) -> Result<Child> {
        let shown = self.display();
        println!("$ {shown} &");
        self.inner
            .stdout(stdout)
            .spawn()
            .map_err(|e| Error::new(format!("could not start `{shown}`: {e}")))
    }
}

fn check(status: ExitStatus, shown: &str) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        Err(Error::new(format!("`{shown}` failed ({status})")))
    }
}

fn quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@+,%".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Stops a background process with SIGTERM (through `kill`, as this crate has no unsafe code) and
/// waits for it; only if it is still there after `grace` does it get SIGKILL.
pub fn terminate(child: &mut Child, name: &str, grace: Duration) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    let pid = child.id().to_string();
    let _ = Cmd::new("kill").args(["-TERM", pid.as_str()]).run();
    let deadline = Instant::now() + grace;
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_)) | Err(_)) {
            return;
        }
        thread::sleep(Duration::from_millis(100));
    }
    eprintln!(
        "xtask: {name} (pid {pid}) still runs {} s after SIGTERM; killing it",
        grace.as_secs()
    );
    let _ = child.kill();
    let _ = child.wait();
}

/// Finds an executable on `PATH`.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_shown_as_they_are() {
        assert_eq!(quote("--test-threads=1"), "--test-threads=1");
        assert_eq!(quote("target/debug/lode"), "target/debug/lode");
    }

    #[test]
    fn words_with_spaces_or_quotes_are_shown_quoted_for_a_shell() {
        assert_eq!(
            quote("-screen 0 1366x768x24"),
            "'-screen 0 1366x768x24'",
            "a shell must see one argument"
        );
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''", "an empty argument must stay visible");
    }

    #[test]
    fn a_command_is_shown_with_its_folder_and_variables_relative_to_the_repository() {
        let root = crate::workspace::root();
        let shown = Cmd::new("npm")
            .args(["run", "build"])
            .current_dir(&root.join("ui"))
            .env("LODE_DATA_DIR", root.join("target/demo-data"))
            .display();
        assert_eq!(
            shown,
            "cd ui && LODE_DATA_DIR=target/demo-data npm run build"
        );
    }
}
