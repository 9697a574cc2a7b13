//! The fonts a page can draw with: those of its resources and of the Form
//! XObjects it draws, followed [`MAX_FORM_DEPTH`] deep. The decoder reads
//! their encodings from it and `font_dicts.rs` their dictionaries, so both
//! see the same fonts.

use hayro_syntax::object::{Dict, ObjRef, Stream};
use hayro_syntax::page::Resources;
use rustc_hash::FxHashSet;

/// How deep Form XObjects are followed when looking for fonts.
const MAX_FORM_DEPTH: u32 = 8;

/// A walk over the fonts of one file's pages, page after page: each font
/// object and each form is visited once per walk (every page names its
/// fonts again, and reading a font dictionary's entries means scanning its
/// bytes). A font written inside the resources, which has no object of
/// its own, is visited wherever it is named.
#[derive(Debug, Default)]
pub(crate) struct FontWalk {
    seen_forms: FxHashSet<(u32, i32)>,
    seen_fonts: FxHashSet<(u32, i32)>,
}

impl FontWalk {
    /// Calls `visit` with each font of `resources` and of their forms not
    /// visited before, and its object when it has one.
    pub(crate) fn visit<'a>(
        &mut self,
        resources: &Resources<'a>,
        visit: &mut impl FnMut(Option<ObjRef>, Dict<'a>),
    ) {
        self.visit_at(resources, 0, visit);
    }

    fn visit_at<'a>(
        &mut self,
        resources: &Resources<'a>,
        depth: u32,
        visit: &mut impl FnMut(Option<ObjRef>, Dict<'a>),
    ) {
        for key in resources.fonts.keys() {
            let object = resources.fonts.get_ref(key.as_ref());
            if let Some(r) = object
                && !self.seen_fonts.insert((r.obj_number, r.gen_number))
            {
                continue;
            }
            if let Some(font) = resources.fonts.get::<Dict<'a>>(key.as_ref()) {
                visit(object, font);
            }
        }
        if depth >= MAX_FORM_DEPTH {
            return;
        }
        for key in resources.x_objects.keys() {
            let Some(form) = resources.x_objects.get::<Stream<'a>>(key.as_ref()) else {
                continue;
            };
            let id = form.obj_id();
            if !self.seen_forms.insert((id.obj_number, id.gen_number)) {
                continue;
            }
            if let Some(inner) = form.dict().get::<Dict<'a>>(b"Resources".as_slice()) {
                self.visit_at(&Resources::new(inner), depth + 1, visit);
            }
        }
    }
}
