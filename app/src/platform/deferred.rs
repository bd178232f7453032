//! Work a grouped write leaves for the end of its batch (see
//! `group_commit`). Writes of one batch often change the same rows (every
//! rating of a department on a day counts in that day's "all" row of the
//! rating cube); deferring lets the batch sum those changes and write each
//! row once, just before its commit, in the same transaction. Outside a
//! grouped write the work is done at once, so a caller never needs to know
//! where it runs.

use crate::platform::db::Tx;
use std::any::{Any, TypeId};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// The future that finishes deferred work in the batch's transaction.
pub type FinishFuture<'t> = Pin<Box<dyn Future<Output = Result<(), sqlx::Error>> + Send + 't>>;

/// Work that can wait for the end of its batch and be summed with the same
/// kind of work of the batch's other writes.
pub trait Deferred: Any + Send {
    /// Adds `later`, work of the same type from a later write.
    fn absorb(&mut self, later: Self)
    where
        Self: Sized;
    /// Does the work in `tx`.
    fn finish<'t>(self: Box<Self>, tx: &'t mut Tx) -> FinishFuture<'t>;
}

/// What the writes of a batch (or of one write) deferred, one entry per type.
#[derive(Default)]
pub(crate) struct Later {
    parts: Vec<(TypeId, Part)>,
}

/// One type's deferred work, with how to merge another of its type into it.
struct Part {
    work: Box<dyn Any + Send>,
    absorb: fn(&mut Box<dyn Any + Send>, Box<dyn Any + Send>),
    finish: for<'t> fn(Box<dyn Any + Send>, &'t mut Tx) -> FinishFuture<'t>,
}

fn absorb_as<D: Deferred>(into: &mut Box<dyn Any + Send>, from: Box<dyn Any + Send>) {
    if let (Some(into), Ok(from)) = (into.downcast_mut::<D>(), from.downcast::<D>()) {
        into.absorb(*from);
    }
}

fn finish_as<D: Deferred>(work: Box<dyn Any + Send>, tx: &mut Tx) -> FinishFuture<'_> {
    match work.downcast::<D>() {
        Ok(d) => d.finish(tx),
        Err(_) => Box::pin(async { Ok(()) }),
    }
}

impl Later {
    fn add<D: Deferred>(&mut self, d: D) {
        self.merge_part(
            TypeId::of::<D>(),
            Part {
                work: Box::new(d),
                absorb: absorb_as::<D>,
                finish: finish_as::<D>,
            },
        );
    }

    fn merge_part(&mut self, id: TypeId, part: Part) {
        match self.parts.iter_mut().find(|(t, _)| *t == id) {
            Some((_, mine)) => (mine.absorb)(&mut mine.work, part.work),
            None => self.parts.push((id, part)),
        }
    }

    /// Adds what a later write (whose savepoint was released) deferred.
    pub(crate) fn absorb(&mut self, later: Later) {
        for (id, part) in later.parts {
            self.merge_part(id, part);
        }
    }

    /// Takes out the work of type `D`, if any was deferred.
    fn take<D: Deferred>(&mut self) -> Option<D> {
        let at = self.parts.iter().position(|(t, _)| *t == TypeId::of::<D>())?;
        self.parts.remove(at).1.work.downcast::<D>().ok().map(|d| *d)
    }

    /// Does every deferred work in `tx`, in the order they were first deferred.
    pub(crate) async fn finish(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        for (_, part) in self.parts {
            (part.finish)(part.work, tx).await?;
        }
        Ok(())
    }
}

tokio::task_local! {
    /// The deferred work of the grouped write running on this task.
    static CURRENT: Arc<Mutex<Later>>;
}

/// Runs `fut` (one grouped write) and returns its output with what it deferred.
pub(crate) async fn collect<F: Future>(fut: F) -> (F::Output, Later) {
    let later = Arc::new(Mutex::new(Later::default()));
    let out = CURRENT.scope(later.clone(), fut).await;
    let taken = std::mem::take(&mut *later.lock().unwrap_or_else(|p| p.into_inner()));
    (out, taken)
}

/// Leaves `d` for the end of the current grouped write's batch, or, outside
/// a grouped write, does it now in `tx`.
pub async fn defer<D: Deferred>(tx: &mut Tx, d: D) -> Result<(), sqlx::Error> {
    let mut d = Some(d);
    let _ = CURRENT.try_with(|later| {
        if let Some(d) = d.take() {
            later.lock().unwrap_or_else(|p| p.into_inner()).add(d);
        }
    });
    match d {
        Some(d) => Box::new(d).finish(tx).await,
        None => Ok(()),
    }
}

/// Does now, in `tx`, the work of type `D` that the current grouped write
/// deferred (for a write that reads back what it changed before its batch
/// ends). The batch's earlier writes' work stays deferred.
pub async fn finish_mine<D: Deferred>(tx: &mut Tx) -> Result<(), sqlx::Error> {
    let mine = CURRENT
        .try_with(|later| later.lock().unwrap_or_else(|p| p.into_inner()).take::<D>())
        .ok()
        .flatten();
    match mine {
        Some(d) => Box::new(d).finish(tx).await,
        None => Ok(()),
    }
}
