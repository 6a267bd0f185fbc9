//! The mounted `<xborder-checker>` elements (the embed's `mount` adds them): each widget's container
//! inside its shadow root, and the one the user last touched. The host asks them where an
//! element is (`find`), where a transient element may go (`scratch`), and where to say that the
//! app stopped (`show_crash`): never in the host page's own document.
use std::cell::RefCell;

thread_local! {
    /// Every mounted element's container (inside its shadow root).
    static ROOTS: RefCell<Vec<web_sys::Element>> = const { RefCell::new(Vec::new()) };
    /// The container the user last touched (pointer or focus), for in-widget jumps.
    static ACTIVE: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// The element with this id in the widget the user is working in.
pub fn find(id: &str) -> Option<web_sys::Element> {
    let sel = format!("[id=\"{id}\"]");
    let look = |root: &web_sys::Element| root.query_selector(&sel).ok().flatten();
    if let Some(found) = ACTIVE.with(|a| a.borrow().as_ref().and_then(look)) {
        return Some(found);
    }
    ROOTS.with(|r| r.borrow().iter().find_map(look))
}

/// Where a transient element (the download link) may go: the active widget's container.
pub fn scratch() -> Option<web_sys::Element> {
    ACTIVE.with(|a| a.borrow().clone()).or_else(|| ROOTS.with(|r| r.borrow().first().cloned()))
}

/// After a panic: say so inside every widget (never in the host's document).
pub fn show_crash(message: &str) {
    ROOTS.with(|r| {
        let Ok(roots) = r.try_borrow() else { return };
        for root in roots.iter() {
            let Some(parent) = root.parent_node() else { continue };
            let Some(doc) = root.owner_document() else { continue };
            if root.previous_element_sibling().is_some_and(|s| s.class_name() == "xb xb-crash") {
                continue;
            }
            if let (Ok(wrap), Ok(el)) = (doc.create_element("div"), doc.create_element("div")) {
                wrap.set_class_name("xb xb-crash");
                el.set_id("crash");
                let _ = el.set_attribute("role", "alert");
                el.set_text_content(Some(message));
                let _ = wrap.append_child(&el);
                let _ = parent.insert_before(&wrap, Some(root));
            }
        }
    });
}

/// A widget was mounted in `container`.
pub fn add(container: &web_sys::Element) {
    ROOTS.with(|r| r.borrow_mut().push(container.clone()));
}

/// The user touched this widget (pointer or focus): in-widget jumps look there first.
pub fn touched(container: &web_sys::Element) {
    ACTIVE.with(|a| *a.borrow_mut() = Some(container.clone()));
}

/// The widget in `container` was unmounted.
pub fn remove(container: &web_sys::Element) {
    ROOTS.with(|r| r.borrow_mut().retain(|x| x != container));
    ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        if a.as_ref() == Some(container) {
            *a = None;
        }
    });
}
