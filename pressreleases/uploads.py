"""No location data in stored images.

A photograph of a child must not tell anyone where it was taken. When a new image file is
saved, its EXIF GPS block and any XMP packet (which can repeat the coordinates) are removed,
and the EXIF orientation is applied to the pixels so the picture stays upright without it.
The file is re-encoded as close to the upload as Pillow allows: a JPEG with its own
quantisation tables and chroma subsampling, a PNG or lossless WebP losslessly. GIF has no
EXIF, but may carry XMP in an application extension, which Pillow neither reads nor writes:
that block alone is cut out, leaving every frame's bytes as they were. A file with neither
location nor rotation is stored exactly as uploaded. Renditions are made from the stored
original, so they carry no location either.
"""

import io

from PIL import ExifTags, Image, ImageOps, JpegImagePlugin

XMP_KEYS = ("xmp", "XML:com.adobe.xmp")
# Lossy WebP cannot be re-encoded losslessly; this keeps re-encoding losses invisible.
LOSSY_WEBP_QUALITY = 90


def location_free_copy(data):
    """The image in `data` without location data and with its orientation applied, as bytes;
    None when there is nothing to remove (the file can be stored as it is)."""
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _gif_without_xmp(data)
    with Image.open(io.BytesIO(data)) as original:
        save_format = SAVE_FORMATS.get(original.format)
        if save_format is None or not _needs_cleaning(original):
            return None
        # A phone's multi-picture JPEG (MPO) keeps only its main picture: the others (depth
        # maps, previews) carry their own EXIF.
        animated = save_format != "JPEG" and getattr(original, "is_animated", False)
        # Frames of an animation cannot be turned one by one; they keep their orientation tag.
        cleaned = original if animated else ImageOps.exif_transpose(original)
        exif = cleaned.getexif()
        exif.pop(ExifTags.IFD.GPSInfo, None)
        options = {
            "exif": exif,
            "icc_profile": original.info.get("icc_profile"),
            "save_all": animated,
            **SAVE_OPTIONS[save_format](original, data),
        }
        if "dpi" in original.info:
            options["dpi"] = original.info["dpi"]
        output = io.BytesIO()
        # XMP is not passed on: Pillow writes it only when asked to.
        cleaned.save(output, save_format, **options)
    return output.getvalue()


def _needs_cleaning(image):
    exif = image.getexif()
    return (
        ExifTags.IFD.GPSInfo in exif
        or exif.get(ExifTags.Base.Orientation, 1) != 1
        or any(key in image.info for key in XMP_KEYS)
    )


def _jpeg_options(original, data):
    return {
        "qtables": original.quantization,
        "subsampling": JpegImagePlugin.get_sampling(original),
        "progressive": bool(original.info.get("progressive")),
    }


def _png_options(original, data):
    return {}


def _webp_options(original, data):
    if _is_lossless_webp(data):
        return {"lossless": True}
    return {"quality": LOSSY_WEBP_QUALITY}


def _is_lossless_webp(data):
    """True when the WebP's image chunk is VP8L (lossless) rather than VP8 (lossy)."""
    position = 12  # after "RIFF", the size and "WEBP"
    while position + 8 <= len(data):
        fourcc = data[position : position + 4]
        if fourcc in (b"VP8 ", b"VP8L"):
            return fourcc == b"VP8L"
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + size + size % 2  # chunks are padded to an even length
    return False


GIF_EXTENSION, GIF_IMAGE, GIF_TRAILER = 0x21, 0x2C, 0x3B
GIF_XMP_EXTENSION = b"\x21\xff\x0bXMP DataXMP"


def _gif_without_xmp(data):
    """The GIF in `data` with its XMP application extensions removed; None if it has none.
    Walks the GIF's blocks (GIF89a specification); a file it cannot follow is left to the
    image checks that run before this."""
    if len(data) < 13:
        return None
    position = 13 + _gif_colour_table_size(data[10])
    kept = [data[:position]]
    removed = False
    while position < len(data) and data[position] != GIF_TRAILER:
        start = position
        if data[position] == GIF_EXTENSION:
            position = _gif_after_sub_blocks(data, position + 2)
        elif data[position] == GIF_IMAGE and position + 10 <= len(data):
            position += 10 + _gif_colour_table_size(data[position + 9])
            position = _gif_after_sub_blocks(data, position + 1)  # after the LZW code size
        else:
            return None
        if data.startswith(GIF_XMP_EXTENSION, start):
            removed = True
        else:
            kept.append(data[start:position])
    kept.append(data[position:])
    return b"".join(kept) if removed else None


def _gif_colour_table_size(packed_fields):
    return 3 * 2 ** ((packed_fields & 0x07) + 1) if packed_fields & 0x80 else 0


def _gif_after_sub_blocks(data, position):
    # An XMP packet's "magic trailer" makes the packet itself read as sub-blocks.
    while position < len(data) and data[position] != 0:
        position += 1 + data[position]
    return position + 1


SAVE_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
SAVE_OPTIONS = {"JPEG": _jpeg_options, "PNG": _png_options, "WEBP": _webp_options}
