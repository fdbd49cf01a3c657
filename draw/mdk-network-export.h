/* mdk-network-export.h: writing a NEAT genome to a file
 *
 * Drawings (PNG, SVG, PDF) are the network view's drawing
 * (mdk-network-draw.h) on white, rendered with Cairo alone: no widget and no
 * display needed.  The text formats are the genome's JSON (docs/formats.md),
 * Graphviz DOT and standalone C (core/neat/mdk-neat-export.h).
 *
 * Files are replaced atomically: on failure an existing file is left as it
 * was.  Errors are in G_IO_ERROR and their message names the file.
 */
#pragma once

#include <gio/gio.h>

#include "mdk-neat-genome.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;          /* "png", "svg", "pdf", "dot", "json", "c" */
  const char *label;       /* untranslated (N_): show it with _() */
  const char *extension;   /* without the dot */
  const char *mime_type;
} MdkNetworkExportFormat;

/* The formats in the order a file chooser should offer them. */
const MdkNetworkExportFormat *mdk_network_export_get_formats (guint *n_formats);
/* The format whose extension @file has (case-insensitive), or NULL. */
const MdkNetworkExportFormat *mdk_network_export_format_for_file (GFile *file);

/* @format is "png", "svg" or "pdf"; @width × @height in pixels (PNG, SVG)
 * or points (PDF); 0 or less picks a size that fits the network. */
gboolean mdk_network_export_drawing (const MdkNeatGenome *genome,
                                     const char * const  *input_names,
                                     const char * const  *output_names,
                                     GFile               *file,
                                     const char          *format,
                                     int                  width,
                                     int                  height,
                                     GError             **error);

/* Any format of mdk_network_export_get_formats ();  @width and @height only
 * matter for drawings.  The C function is named "medaka_net". */
gboolean mdk_network_export         (const MdkNeatGenome *genome,
                                     const char * const  *input_names,
                                     const char * const  *output_names,
                                     GFile               *file,
                                     const char          *format,
                                     int                  width,
                                     int                  height,
                                     GError             **error);

G_END_DECLS
