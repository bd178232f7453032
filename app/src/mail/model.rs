//! What the delivery page shows (browser and server).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The outbox at a glance, with the latest messages given up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailDelivery {
    pub waiting: i64,
    pub sent: i64,
    pub failed: i64,
    pub failures: Vec<FailedMail>,
}

/// A message given up after its last attempt. The recipient is masked: an
/// admin needs to see that mail to a citizen failed, not their address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMail {
    pub created_at: DateTime<Utc>,
    pub failed_at: DateTime<Utc>,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub attempts: i32,
    pub error: String,
}
