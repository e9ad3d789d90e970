//! The guidance's three phases and eleven steps.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    GettingStarted = 1,
    DevelopingStrategy = 2,
    Implementing = 3,
}

impl Phase {
    pub const ALL: [Phase; 3] = [
        Phase::GettingStarted,
        Phase::DevelopingStrategy,
        Phase::Implementing,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }
}

/// Phases travel as their number, 1 to 3.
impl Serialize for Phase {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

macro_rules! steps {
    ($($variant:ident = $code:literal, $phase:ident;)*) => {
        /// One of the eleven steps, written "1.1" … "3.3" everywhere outside Rust.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum StepId { $($variant),* }

        impl StepId {
            pub const ALL: [StepId; 11] = [$(StepId::$variant),*];

            pub fn code(self) -> &'static str {
                match self { $(StepId::$variant => $code),* }
            }

            pub fn phase(self) -> Phase {
                match self { $(StepId::$variant => Phase::$phase),* }
            }
        }
    };
}

steps! {
    TaskForce = "1.1", GettingStarted;
    StakeholderForum = "1.2", GettingStarted;
    ContextAnalysis = "1.3", GettingStarted;
    Partners = "1.4", GettingStarted;
    Vision = "2.1", DevelopingStrategy;
    TypesAndPriorities = "2.2", DevelopingStrategy;
    StrategyPerType = "2.3", DevelopingStrategy;
    Finalise = "2.4", DevelopingStrategy;
    Prepare = "3.1", Implementing;
    Implement = "3.2", Implementing;
    MonitorAndEvaluate = "3.3", Implementing;
}

impl StepId {
    pub fn parse(code: &str) -> Option<StepId> {
        StepId::ALL.into_iter().find(|step| step.code() == code)
    }
}

impl Serialize for StepId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for StepId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        StepId::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown step {code:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_code_parses_back_to_its_step() {
        for step in StepId::ALL {
            assert_eq!(StepId::parse(step.code()), Some(step));
        }
        assert_eq!(StepId::parse("4.1"), None);
    }

    #[test]
    fn steps_belong_to_the_phase_their_code_names() {
        for step in StepId::ALL {
            assert!(step.code().starts_with(&step.phase().number().to_string()));
        }
    }
}
