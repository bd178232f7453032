//! One batch of grouped writes: its steps (a write alone, or a kind's
//! writes together), each in its own savepoint of the batch's one
//! transaction, the work they deferred, the commit, and the answers.

use super::{Answer, Job, Kind, Output, Refused, RunTogether, Work};
use crate::error::request_log::{self, RequestScope};
use crate::error::AppError;
use crate::on_tx;
use crate::platform::db::{Db, Tx};
use crate::platform::deferred::{self, Later};
use std::any::{Any, TypeId};
use tokio::sync::oneshot;

/// What runs in one savepoint: a write alone, or all of a batch's writes
/// of one [`Together`] type.
struct Step {
    answers: Vec<oneshot::Sender<Answer>>,
    scope: Option<RequestScope>,
    run: StepRun,
}

enum StepRun {
    Alone(Work),
    Together(RunTogether, Vec<Box<dyn Any + Send>>),
}

/// The batch's steps: each kind of writes that run together first (in the
/// order its first write came), then the writes alone in theirs.
fn steps(batch: Vec<Job>) -> Vec<Step> {
    let mut together: Vec<(TypeId, Step)> = Vec::new();
    let mut alone = Vec::new();
    for job in batch {
        match job.kind {
            Kind::Alone(work) => alone.push(Step {
                answers: vec![job.done],
                scope: job.scope,
                run: StepRun::Alone(work),
            }),
            Kind::Together { of, write, run } => match together.iter_mut().find(|(t, _)| *t == of) {
                Some((_, step)) => {
                    step.answers.push(job.done);
                    if let StepRun::Together(_, writes) = &mut step.run {
                        writes.push(write);
                    }
                }
                None => together.push((
                    of,
                    Step {
                        answers: vec![job.done],
                        scope: None,
                        run: StepRun::Together(run, vec![write]),
                    },
                )),
            },
        }
    }
    together.into_iter().map(|(_, s)| s).chain(alone).collect()
}

impl StepRun {
    /// Runs the step: one answer per write, or an error that fails them all.
    async fn run(self, tx: &mut Tx, writes: usize) -> Result<Vec<Result<Output, AppError>>, Refused> {
        match self {
            StepRun::Alone(work) => Ok(vec![Ok(work(tx).await.map_err(Refused::Write)?)]),
            StepRun::Together(run, list) => {
                let answers = run(tx, list).await.map_err(|e| Refused::Batch(e.to_string()))?;
                if answers.len() != writes {
                    return Err(Refused::Batch(format!("{} answers for {writes} writes", answers.len())));
                }
                Ok(answers)
            }
        }
    }
}

/// One transaction for the batch, one savepoint for each step in it.
pub(super) async fn run(db: &Db, batch: Vec<Job>) {
    let mut waiting = steps(batch).into_iter();
    let mut tx = match db.begin().await {
        Ok(tx) => tx,
        Err(e) => return refuse_all(waiting.flat_map(|s| s.answers), &e.to_string()),
    };
    let mut ran: Vec<(oneshot::Sender<Answer>, Answer)> = Vec::new();
    // What the kept steps left for the end of the batch, summed.
    let mut later = Later::default();
    // Each step runs in its own savepoint; the next one's begins with the
    // release of the one before, in the same round trip, and the commit
    // releases the last (the writer's statements run one after another).
    let mut open = "SAVEPOINT grouped_write";
    while let Some(step) = waiting.next() {
        if let Err(e) = statements(&mut tx, open).await {
            let all = ran
                .into_iter()
                .map(|(d, _)| d)
                .chain(step.answers)
                .chain(waiting.flat_map(|s| s.answers));
            return refuse_all(all, &e.to_string());
        }
        open = "RELEASE SAVEPOINT grouped_write; SAVEPOINT grouped_write";
        let writes = step.answers.len();
        let (result, deferred) =
            deferred::collect(request_log::within(step.scope, step.run.run(&mut tx, writes))).await;
        // A failed step is undone alone; the rest of the batch goes on.
        let end = match &result {
            Ok(_) => {
                later.absorb(deferred);
                Ok(())
            }
            Err(_) => statements(&mut tx, "ROLLBACK TO SAVEPOINT grouped_write").await,
        };
        match result {
            Ok(answers) => ran.extend(
                step.answers
                    .into_iter()
                    .zip(answers.into_iter().map(|a| a.map_err(Refused::Write))),
            ),
            Err(refused) => ran.extend(step.answers.into_iter().map(|d| (d, Err(refused.clone())))),
        }
        if let Err(e) = end {
            let all = ran.into_iter().map(|(d, _)| d).chain(waiting.flat_map(|s| s.answers));
            return refuse_all(all, &e.to_string());
        }
    }
    let committed = match later.finish(&mut tx).await {
        Ok(()) => tx.commit().await,
        Err(e) => Err(e),
    };
    match committed {
        Ok(()) => {
            for (done, answer) in ran {
                let _ = done.send(answer);
            }
        }
        Err(e) => {
            let cause = e.to_string();
            for (done, answer) in ran {
                // A write that failed on its own keeps its own error.
                let _ = done.send(match answer {
                    Ok(_) | Err(Refused::Batch(_)) => Err(Refused::Batch(cause.clone())),
                    Err(own) => Err(own),
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
