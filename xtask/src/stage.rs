//! Named stages: each prints its name before it runs and its time after; the first failure stops the
//! task with a line that names the stage.

use std::time::{Duration, Instant};

use crate::command::{Error, Result};

pub struct Stages {
    task: &'static str,
    done: Vec<(&'static str, Duration)>,
}

impl Stages {
    pub fn new(task: &'static str) -> Self {
        Self {
            task,
            done: Vec::new(),
        }
    }

    /// Runs one stage; on failure returns an error that names it, for the caller to stop on.
    pub fn run(&mut self, name: &'static str, body: impl FnOnce() -> Result<()>) -> Result<()> {
        println!("\n==> {name}");
        let started = Instant::now();
        let outcome = body();
        let took = started.elapsed();
        match outcome {
            Ok(()) => {
                println!("<== {name}: ok in {}", seconds(took));
                self.done.push((name, took));
                Ok(())
            }
            Err(error) => {
                self.print_summary();
                Err(Error::new(format!(
                    "\nxtask {}: stage \"{name}\" FAILED after {}: {error}",
                    self.task,
                    seconds(took)
                )))
            }
        }
    }

    /// Prints how long each finished stage took.
    pub fn print_summary(&self) {
        if self.done.is_empty() {
            return;
        }
        let width = self
            .done
            .iter()
            .map(|(name, _)| name.len())
            .max()
            .unwrap_or(0);
        let total: Duration = self.done.iter().map(|(_, took)| *took).sum();
        println!("\nxtask {}: stages that passed", self.task);
        for (name, took) in &self.done {
            println!("  {name:<width$}  {:>8}", seconds(*took));
        }
        println!("  {:<width$}  {:>8}", "total", seconds(total));
    }
}

fn seconds(took: Duration) -> String {
    format!("{:.1} s", took.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_stage_is_named_in_the_error() {
        let mut stages = Stages::new("test");
        stages.run("first", || Ok(())).expect("first stage passes");
        let error = stages
            .run("clippy", || Err(Error::new("`cargo clippy` failed")))
            .expect_err("the stage failed");
        let text = error.to_string();
        assert!(
            text.contains("stage \"clippy\" FAILED") && text.contains("`cargo clippy` failed"),
            "the line must say which stage failed and why: {text}"
        );
    }
}
