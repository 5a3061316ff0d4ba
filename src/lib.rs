//! kehou (课后): the after-school service programme of a primary school, from
//! class rosters and consent slips to schedules, daily sheets and reports.

pub mod allocate;
pub mod attendance;
pub mod calendar;
pub mod cli;
pub mod club_times;
pub mod cmd;
pub mod config;
pub mod consent;
pub mod console;
pub mod day;
pub mod demo;
pub mod exit;
pub mod fees;
pub mod followup;
pub mod hours;
pub mod i18n;
pub mod incidents;
pub mod input;
pub mod model;
pub mod output;
pub mod papers;
pub mod plan;
pub mod progress;
pub mod register;
pub mod report;
pub mod rng;
pub mod rollover;
pub mod school;
pub mod starter;
pub mod supervision;
pub mod volunteers;
pub mod weekly;
pub mod wildcard;
