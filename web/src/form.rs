//! The form's state in the page: `xborder_form`'s model (the form, its checks, its reducer;
//! native and tested there) behind yew's reducer.
use std::rc::Rc;
pub use xborder_form::*;
use yew::prelude::*;

/// The form's dispatcher, stable across renders (so sections re-render only when their data changes).
pub type Dispatch = yew::functional::UseReducerDispatcher<State>;

/// The model as yew's reducer holds it: an action that changes nothing keeps the same `Rc`, so
/// nothing re-renders.
#[derive(Debug, PartialEq)]
pub struct State(pub Model);

impl std::ops::Deref for State {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.0
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.0.reduce(action) {
            Some(m) => Rc::new(State(m)),
            None => self,
        }
    }
}
