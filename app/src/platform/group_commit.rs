//! Group commit: concurrent writes share one durable commit.
//!
//! A write is acknowledged only after its transaction is committed (SQLite
//! runs with `synchronous=FULL`, so that is a flush to disk). Flushing once
//! per rating capped new-visitor ratings at about 1,500 a second; here a
//! writer task takes every write waiting in its queue, runs each inside its
//! own savepoint of one transaction, commits once and only then answers them
//! all. A write that fails rolls back to its savepoint and fails alone, with
//! its own error; a commit that fails fails every write of its batch (none of
//! them was acknowledged, none is kept). Work a write defers (see
//! `deferred`) is summed over the batch's kept writes and done just before
//! the commit; if it fails, the batch fails as if its commit had. Writes run
//! in the writer task, so a
//! client that goes away half-way cannot leave a transaction half-done.

use crate::error::request_log::{self, RequestScope};
use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::{Db, Engine, Tx};
use crate::platform::deferred::{self, Later};
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex};

/// The future a write returns; it borrows the batch's transaction.
pub type WriteFuture<'t, T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 't>>;

type Output = Box<dyn Any + Send>;
type Work = Box<dyn for<'t> FnOnce(&'t mut Tx) -> WriteFuture<'t, Output> + Send>;

/// Why a write was not acknowledged.
enum Refused {
    /// The write itself failed (not found, invalid…): its own error.
    Write(AppError),
    /// Its batch could not be committed; the cause, for the request's log line.
    Batch(String),
}

type Answer = Result<Output, Refused>;

struct Job {
    work: Work,
    /// The request the write serves: causes found while it runs join that
    /// request's log line.
    scope: Option<RequestScope>,
    done: oneshot::Sender<Answer>,
}

/// At most this many writes share a commit; more wait for the next.
const MAX_BATCH: usize = 512;

/// The queue of grouped writes of one database.
#[derive(Clone)]
pub struct GroupCommit {
    queue: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the writer tasks: one on SQLite (it has one writer anyway),
    /// four on PostgreSQL (batches commit side by side there).
    pub fn start(db: &Db) -> GroupCommit {
        let writers = match db.engine() {
            Engine::Sqlite => 1,
            Engine::Postgres => 4,
        };
        let (queue, rx) = mpsc::channel::<Job>(4 * MAX_BATCH);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..writers {
            tokio::spawn(writer(db.clone(), rx.clone()));
        }
        GroupCommit { queue }
    }

    /// Runs `work` in the next batch and answers once that batch is
    /// committed. `work` must use only the transaction it is given.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: for<'t> FnOnce(&'t mut Tx) -> WriteFuture<'t, T> + Send + 'static,
    {
        let work: Work = Box::new(move |tx: &mut Tx| -> WriteFuture<'_, Output> {
            let fut = work(tx);
            Box::pin(async move { fut.await.map(|v| Box::new(v) as Output) })
        });
        let (done, answer) = oneshot::channel();
        let job = Job {
            work,
            scope: request_log::current_scope(),
            done,
        };
        if self.queue.send(job).await.is_err() {
            return Err(AppError::internal("the group-commit writer has stopped"));
        }
        match answer.await {
            Ok(Ok(out)) => out
                .downcast::<T>()
                .map(|v| *v)
                .map_err(|_| AppError::internal("a grouped write answered another type")),
            Ok(Err(Refused::Write(e))) => Err(e),
            Ok(Err(Refused::Batch(cause))) => Err(AppError::internal(format!("its grouped commit failed: {cause}"))),
            Err(_) => Err(AppError::internal("the group-commit writer dropped a write")),
        }
    }
}

/// Takes what waits in the queue (at least one write, at most [`MAX_BATCH`])
/// and commits it as one batch, until the queue closes.
async fn writer(db: Db, rx: Arc<Mutex<mpsc::Receiver<Job>>>) {
    loop {
        let mut batch = Vec::new();
        {
            let mut rx = rx.lock().await;
            match rx.recv().await {
                Some(job) => batch.push(job),
                None => return,
            }
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
        }
        run_batch(&db, batch).await;
    }
}

/// One transaction for the batch, one savepoint for each write in it.
async fn run_batch(db: &Db, batch: Vec<Job>) {
    let mut tx = match db.begin().await {
        Ok(tx) => tx,
        Err(e) => return refuse_all(batch.into_iter().map(|j| j.done), &e.to_string()),
    };
    let mut ran: Vec<(oneshot::Sender<Answer>, Result<Output, AppError>)> = Vec::with_capacity(batch.len());
    // What the kept writes left for the end of the batch, summed.
    let mut later = Later::default();
    let mut waiting = batch.into_iter();
    // Each write runs in its own savepoint; the next one's begins with the
    // release of the one before, in the same round trip, and the commit
    // releases the last (the writer's statements run one after another).
    let mut open = "SAVEPOINT grouped_write";
    while let Some(job) = waiting.next() {
        if let Err(e) = statements(&mut tx, open).await {
            let all = ran
                .into_iter()
                .map(|(d, _)| d)
                .chain(std::iter::once(job.done))
                .chain(waiting.map(|j| j.done));
            return refuse_all(all, &e.to_string());
        }
        open = "RELEASE SAVEPOINT grouped_write; SAVEPOINT grouped_write";
        let (result, deferred) = deferred::collect(request_log::within(job.scope, (job.work)(&mut tx))).await;
        // A failed write is undone alone; the rest of the batch goes on.
        let end = match &result {
            Ok(_) => Ok(()),
            Err(_) => statements(&mut tx, "ROLLBACK TO SAVEPOINT grouped_write").await,
        };
        if result.is_ok() {
            later.absorb(deferred);
        }
        ran.push((job.done, result));
        if let Err(e) = end {
            let all = ran.into_iter().map(|(d, _)| d).chain(waiting.map(|j| j.done));
            return refuse_all(all, &e.to_string());
        }
    }
    let committed = match later.finish(&mut tx).await {
        Ok(()) => tx.commit().await,
        Err(e) => Err(e),
    };
    match committed {
        Ok(()) => {
            for (done, result) in ran {
                let _ = done.send(result.map_err(Refused::Write));
            }
        }
        Err(e) => {
            let cause = e.to_string();
            for (done, result) in ran {
                // A write that failed on its own keeps its own error.
                let _ = done.send(match result {
                    Ok(_) => Err(Refused::Batch(cause.clone())),
                    Err(own) => Err(Refused::Write(own)),
                });
            }
        }
    }
}

/// Answers every write of a batch that could not be committed.
fn refuse_all(waiting: impl Iterator<Item = oneshot::Sender<Answer>>, cause: &str) {
    for done in waiting {
        let _ = done.send(Err(Refused::Batch(cause.to_string())));
    }
}

/// Runs `sql`, one statement or several separated by `;`, without
/// parameters (a bare string is sent unprepared, as PostgreSQL's simple
/// query, which takes several statements).
async fn statements(tx: &mut Tx, sql: &'static str) -> Result<(), sqlx::Error> {
    on_tx!(tx, |c| sqlx::Executor::execute(c, sql).await.map(|_| ()))?;
    Ok(())
}
