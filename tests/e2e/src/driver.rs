//! tauri-driver as a guard: started on free ports with the app's environment, stopped with SIGTERM.

use std::fs::{self, File};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::paths;
use crate::process::{Process, describe, running_on, sigterm};

/// How long tauri-driver may take to listen, and to exit after SIGTERM.
const START_LIMIT: Duration = Duration::from_secs(20);
const STOP_LIMIT: Duration = Duration::from_secs(20);
/// How long the app and WebKit's helpers may take to go once the session has ended, and anything
/// left once tauri-driver has gone.
const APP_EXIT_LIMIT: Duration = Duration::from_secs(15);
const DRAIN_LIMIT: Duration = Duration::from_secs(10);

/// Variables that make WebKit's WebDriver screenshot hang forever; they must not reach the app.
const WEBKIT_VARS: [&str; 2] = [
    "WEBKIT_DISABLE_DMABUF_RENDERER",
    "WEBKIT_DISABLE_COMPOSITING_MODE",
];

/// A running tauri-driver. [`Driver::stop`] ends it after a clean close; dropping it without `stop`
/// (a failed or timed-out test) ends the app, then tauri-driver, all with SIGTERM, and prints its log.
pub struct Driver {
    child: Option<Child>,
    port: u16,
    native_port: u16,
    data_dir: PathBuf,
    log: PathBuf,
    // WebKit's XDG folders and the log; removed when the driver is dropped.
    scratch: TempDir,
}

impl Driver {
    /// Starts `tauri-driver --port P --native-port Q` on two free ports, for an app whose data lives in
    /// `data_dir`, and waits until both tauri-driver (`P`) and the WebKitWebDriver it starts (`Q`)
    /// answer: tauri-driver does not wait for its WebKitWebDriver, and a session asked for too early
    /// fails with "client error (Connect)".
    pub fn start(data_dir: &Path, env: &[(&str, &Path)]) -> Driver {
        let scratch = tempfile::Builder::new()
            .prefix("lode-e2e-driver-")
            .tempdir()
            .expect("a temporary folder for WebKit's files");
        let xdg = |name: &str| {
            let dir = scratch.path().join(name);
            fs::create_dir_all(&dir).expect("an XDG folder");
            dir
        };
        let log = scratch.path().join("tauri-driver.log");
        let log_file = File::create(&log).expect("the tauri-driver log file");
        let port = free_port(None);
        let native_port = free_port(Some(port));
        let mut command = Command::new(paths::tauri_driver());
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("LODE_DATA_DIR", data_dir)
            .env("XDG_DATA_HOME", xdg("data"))
            .env("XDG_CACHE_HOME", xdg("cache"))
            .env("XDG_CONFIG_HOME", xdg("config"))
            // One locale everywhere, so WebKit's date controls order their segments alike
            // (month/day/year) on every machine; `App::fill_date` types in that order.
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("the log file, twice"))
            .stderr(log_file);
        for var in WEBKIT_VARS {
            command.env_remove(var);
        }
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {:?}: {e}", command.get_program()));
        let mut driver = Driver {
            child: Some(child),
            port,
            native_port,
            data_dir: data_dir.to_path_buf(),
            log,
            scratch,
        };
        driver.wait_until_listening();
        driver
    }

    /// The address a WebDriver client connects to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The data folder the app was given.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Once the WebDriver session has been deleted: waits for the app to exit (WebKitWebDriver ends
    /// it when the session goes), then stops tauri-driver (SIGTERM) and checks that nothing it started
    /// still runs on the data folder. Stopping tauri-driver before the app has gone would race
    /// WebKitWebDriver's own clean-up: tauri-driver SIGKILLs it on SIGTERM, and the app is orphaned.
    pub fn stop(mut self) {
        let app = self.wait_for_app_exit();
        assert!(
            app.is_empty(),
            "the app still runs {} s after its WebDriver session ended:\n{}\n{}",
            APP_EXIT_LIMIT.as_secs(),
            describe(&app),
            self.log_text()
        );
        if let Err(problem) = self.terminate() {
            panic!("{problem}\n{}", self.log_text());
        }
        let left = self.drain();
        assert!(
            left.is_empty(),
            "these processes still run on {} {} s after tauri-driver stopped:\n{}\n{}",
            self.data_dir.display(),
            DRAIN_LIMIT.as_secs(),
            describe(&left),
            self.log_text()
        );
    }

    /// The app and WebKit's helpers: what runs on the data folder but tauri-driver and the
    /// WebKitWebDriver it started.
    fn app_processes(&self) -> Vec<Process> {
        let driver = self.child.as_ref().map(Child::id);
        running_on(&self.data_dir)
            .into_iter()
            .filter(|process| Some(process.pid) != driver && Some(process.parent) != driver)
            .collect()
    }

    /// Waits for the app processes to be gone; returns those still there at the limit.
    fn wait_for_app_exit(&self) -> Vec<Process> {
        let deadline = Instant::now() + APP_EXIT_LIMIT;
        loop {
            let app = self.app_processes();
            if app.is_empty() || Instant::now() >= deadline {
                return app;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + START_LIMIT;
        for port in [self.port, self.native_port] {
            self.wait_for_port(port, deadline);
        }
    }

    fn wait_for_port(&mut self, port: u16, deadline: Instant) {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        loop {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                panic!(
                    "tauri-driver exited at start ({status})\n{}",
                    self.log_text()
                );
            }
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "nothing listened on {address} (tauri-driver {}, WebKitWebDriver {}) within \
                     {} s\n{}",
                    self.port,
                    self.native_port,
                    START_LIMIT.as_secs(),
                    self.log_text()
                );
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGTERM, then waits for tauri-driver to exit. Never SIGKILL: a killed tauri-driver leaves its
    /// WebKitWebDriver running, holding the port and the test's pipes.
    fn terminate(&mut self) -> Result<(), String> {
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        if let Ok(Some(_)) = child.try_wait() {
            return Ok(());
        }
        sigterm(child.id());
        let deadline = Instant::now() + STOP_LIMIT;
        loop {
            match child.try_wait() {
                Ok(Some(_)) | Err(_) => return Ok(()),
                Ok(None) if Instant::now() >= deadline => {
                    return Err(format!(
                        "tauri-driver (pid {}) still runs {} s after SIGTERM; it is left running \
                         rather than killed, which would orphan WebKitWebDriver",
                        child.id(),
                        STOP_LIMIT.as_secs()
                    ));
                }
                Ok(None) => thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Waits for the app and WebKit's helpers to exit; returns those still running at the limit.
    fn drain(&self) -> Vec<Process> {
        let deadline = Instant::now() + DRAIN_LIMIT;
        loop {
            let left = running_on(&self.data_dir);
            if left.is_empty() || Instant::now() >= deadline {
                return left;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn log_text(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = &lines[lines.len().saturating_sub(60)..];
        format!(
            "--- tauri-driver log ({}), last {} lines ---\n{}\n--- end of log ---",
            self.scratch.path().display(),
            tail.len(),
            tail.join("\n")
        )
    }
}

impl Drop for Driver {
    /// Reached without [`Driver::stop`] (the test failed or timed out) or after `stop` failed: ends
    /// the app with SIGTERM (its session is still open, so WebKitWebDriver would not), then
    /// tauri-driver, then whatever of the test's is left, and shows the log.
    fn drop(&mut self) {
        if self.child.is_none() {
            return;
        }
        eprintln!("{}", self.log_text());
        for process in self.app_processes() {
            sigterm(process.pid);
        }
        let app = self.wait_for_app_exit();
        if let Err(problem) = self.terminate() {
            eprintln!("{problem}");
        }
        for process in running_on(&self.data_dir) {
            sigterm(process.pid);
        }
        let left = self.drain();
        if !app.is_empty() || !left.is_empty() {
            eprintln!(
                "processes of this test that did not exit on SIGTERM:\n{}",
                describe(if left.is_empty() { &app } else { &left })
            );
        }
    }
}

/// A port nobody listens on now (the OS picks it; it is free again once the listener is dropped).
fn free_port(not: Option<u16>) -> u16 {
    loop {
        let listener =
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a free port on localhost");
        let port = listener.local_addr().expect("the port's address").port();
        if Some(port) != not {
            return port;
        }
    }
}
