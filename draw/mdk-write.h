/* mdk-write.h: drawings and texts to files
 *
 * A drawing is rendered with Cairo alone: PNG (opaque RGB), SVG (sized in
 * pixels, like the PNG) or PDF (in points).  Files are replaced atomically:
 * on failure an existing file is left as it was.  Errors are in G_IO_ERROR
 * and their message names the file.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Draws into (0, 0, @width, @height). */
typedef void (*MdkDrawFunc) (cairo_t  *cr,
                             int       width,
                             int       height,
                             gpointer  user_data);

/* "png", "svg" and "pdf". */
gboolean mdk_write_is_drawing_format (const char   *format);

/* @title goes into the PDF's metadata (NULL: none). */
gboolean mdk_write_drawing           (GFile        *file,
                                      const char   *format,
                                      int           width,
                                      int           height,
                                      const char   *title,
                                      MdkDrawFunc   draw,
                                      gpointer      user_data,
                                      GError      **error);

gboolean mdk_write_text              (GFile        *file,
                                      const char   *text,
                                      GError      **error);

/* An error that names @file, keeping the code of @cause when it is an I/O
 * error (callers may react to G_IO_ERROR_PERMISSION_DENIED…). */
void     mdk_write_set_error         (GError      **error,
                                      GFile        *file,
                                      const GError *cause);

G_END_DECLS
