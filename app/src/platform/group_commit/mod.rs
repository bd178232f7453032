//! Group commit: concurrent writes share one durable commit.
//!
//! A write is acknowledged only after its transaction is committed (SQLite
//! runs with `synchronous=FULL`, so that is a flush to disk). Flushing once
//! per rating capped new-visitor ratings at about 1,500 a second; here a
//! writer task takes every write waiting in its queue, runs each inside its
//! own savepoint of one transaction, commits once and only then answers them
//! all. Writes of a kind that can share statements (ratings: see
//! [`Together`]) run all at once in one savepoint. A write that fails rolls
//! back to its savepoint and fails alone, with its own error; a commit that
//! fails fails every write of its batch (none of them was acknowledged, none
//! is kept). Work a write defers (see `deferred`) is summed over the batch's
//! kept writes and done just before the commit; if it fails, the batch fails
//! as if its commit had. Writes run in the writer task, so a client that
//! goes away half-way cannot leave a transaction half-done.

use crate::error::request_log::{self, RequestScope};
use crate::error::AppError;
use crate::platform::db::{Db, Engine, Tx};
use std::any::{Any, TypeId};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex};

mod batch;

/// The future a write returns; it borrows the batch's transaction.
pub type WriteFuture<'t, T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 't>>;

type Output = Box<dyn Any + Send>;
type Work = Box<dyn for<'t> FnOnce(&'t mut Tx) -> WriteFuture<'t, Output> + Send>;

/// Writes of one kind that the writer runs together: every such write
/// waiting in a batch is handed to [`Together::run_together`] at once, in
/// the order they came, so that they share statements (one read and one
/// multi-row write for the lot instead of a few statements each).
pub trait Together: Sized + Send + 'static {
    type Out: Send + 'static;
    /// Runs `writes` in `tx` and answers each of them, in order. A write
    /// that fails on its own must leave nothing behind; an `Err` for the
    /// whole call undoes them all and fails each of them.
    fn run_together(tx: &mut Tx, writes: Vec<Self>) -> WriteFuture<'_, Vec<Result<Self::Out, AppError>>>;
}

/// [`Together::run_together`] of one type, on writes whose type was erased.
type RunTogether = for<'t> fn(&'t mut Tx, Vec<Box<dyn Any + Send>>) -> WriteFuture<'t, Vec<Result<Output, AppError>>>;

fn run_together_as<W: Together>(
    tx: &mut Tx,
    writes: Vec<Box<dyn Any + Send>>,
) -> WriteFuture<'_, Vec<Result<Output, AppError>>> {
    let writes: Vec<W> = writes
        .into_iter()
        .filter_map(|w| w.downcast::<W>().ok().map(|w| *w))
        .collect();
    Box::pin(async move {
        let answers = W::run_together(tx, writes).await?;
        Ok(answers
            .into_iter()
            .map(|a| a.map(|out| Box::new(out) as Output))
            .collect())
    })
}

/// Why a write was not acknowledged.
#[derive(Clone)]
enum Refused {
    /// The write itself failed (not found, invalid…): its own error.
    Write(AppError),
    /// Its batch could not be committed; the cause, for the request's log line.
    Batch(String),
}

type Answer = Result<Output, Refused>;

enum Kind {
    /// A write of its own, in its own savepoint.
    Alone(Work),
    /// A write run together with the batch's others of its type.
    Together {
        of: TypeId,
        write: Box<dyn Any + Send>,
        run: RunTogether,
    },
}

struct Job {
    kind: Kind,
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
        self.send(Kind::Alone(work)).await
    }

    /// Runs `write` together with the next batch's other writes of its type
    /// and answers once that batch is committed.
    pub async fn write_together<W: Together>(&self, write: W) -> Result<W::Out, AppError> {
        self.send(Kind::Together {
            of: TypeId::of::<W>(),
            write: Box::new(write),
            run: run_together_as::<W>,
        })
        .await
    }

    async fn send<T: 'static>(&self, kind: Kind) -> Result<T, AppError> {
        let (done, answer) = oneshot::channel();
        let job = Job {
            kind,
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
        batch::run(&db, batch).await;
    }
}
