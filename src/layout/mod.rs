//! The layout stage: positioned glyphs → lines of spans.
