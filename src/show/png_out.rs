//! PNG encoding of a cut-out (8-bit RGB, default compression).

use super::ShowError;
use super::crop::Image;

/// Encodes an image as PNG bytes.
pub(crate) fn encode(image: &Image) -> Result<Vec<u8>, ShowError> {
    let fail = |e: png::EncodingError| ShowError(format!("cannot encode PNG: {e}"));
    let too_big = || ShowError("image too large for PNG".into());
    let mut out = Vec::new();
    let width = u32::try_from(image.width.max(1)).map_err(|_| too_big())?;
    let height = u32::try_from(image.height.max(1)).map_err(|_| too_big())?;
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // Up rather than adaptive filtering: a fraction of the cost, and on
    // text over white the files are about as small.
    encoder.set_filter(png::Filter::Up);
    let mut writer = encoder.write_header().map_err(fail)?;
    let mut data = image.rgb.clone();
    data.resize(width as usize * height as usize * 3, 255);
    writer.write_image_data(&data).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}
