/* mdk-network-draw.h: where a NEAT genome's nodes go, and drawing it
 *
 * The layout is a pure function of the genome: inputs (and the bias) in the
 * left column, outputs in the right one, hidden nodes in between by depth,
 * the longest path from the inputs over enabled connections, recurrent
 * connections left out.  Positions are normalised to 0..1.
 *
 * The drawing is pure Cairo (and Pango): it needs no widget and no display,
 * so tests draw on an image surface.  A widget keeps the layout and the
 * geometry (the mapping of 0..1 to pixels for a size) ready, draws with
 * mdk_network_draw_with_geometry () in snapshot () and hit-tests with the
 * same geometry.
 */
#pragma once

#include <pango/pangocairo.h>

#include "mdk-rgba.h"

#include "mdk-neat-genome.h"

G_BEGIN_DECLS

/* Flags of a connection in the layout. */
typedef enum
{
  MDK_NETWORK_CONN_RECURRENT = 1 << 0,   /* closes a cycle (or a self-loop) */
  MDK_NETWORK_CONN_BACKWARD = 1 << 1,    /* its target is not right of its source */
  MDK_NETWORK_CONN_SELF = 1 << 2,
} MdkNetworkConnFlags;

typedef struct
{
  double x;       /* 0 (inputs) … 1 (outputs) */
  double y;       /* 0 … 1, top to bottom */
  guint  column;  /* 0: inputs and bias, n_columns-1: outputs */
  guint  row;     /* 0 at the top of its column */
  guint  rows;    /* nodes in its column */
} MdkNetworkLayoutNode;

typedef struct
{
  guint                 n_nodes;     /* as genome->n_nodes */
  MdkNetworkLayoutNode *nodes;       /* in the order of genome->nodes */
  guint                 n_conns;     /* as genome->n_conns */
  guint8               *conn_flags;  /* MdkNetworkConnFlags, in the order of genome->conns */
  guint                 n_columns;   /* at least 2 */
  guint                 max_rows;    /* nodes in the fullest column */
} MdkNetworkLayout;

void     mdk_network_layout       (const MdkNeatGenome *genome,
                                   MdkNetworkLayout    *out);
/* Frees what mdk_network_layout () allocated; @layout may be reused. */
void     mdk_network_layout_clear (MdkNetworkLayout    *layout);

typedef struct
{
  MdkRGBA                     foreground;      /* text, outlines; alpha 0: black */
  MdkRGBA                     background;      /* opaque paper under the drawing, or
                                                * alpha 0: transparent */
  const PangoFontDescription *font;            /* NULL: "Sans 9" */
  gboolean                    compact;         /* thumbnails: no names, no glyphs */
  int                         highlight_node;  /* index into genome->nodes, or -1 */
  int                         highlight_conn;  /* index into genome->conns, or -1 */
  /* The graph editor's selection: one flag per node / connection in the
   * order of genome->nodes / genome->conns, or NULL for none. */
  const guint8               *selected_nodes;
  const guint8               *selected_conns;
  MdkRGBA                     selection;       /* colour of the selection marks */
} MdkNetworkDrawOptions;

void     mdk_network_draw_options_init (MdkNetworkDrawOptions *options);

/* Where the unit square of the layout lands for a given size. */
typedef struct
{
  double width, height;
  double x0, y0;        /* pixel of layout (0, 0) */
  double sx, sy;        /* pixels per layout unit */
  double radius;        /* of a node */
  double line_scale;    /* connection widths are multiplied by it */
  double line_height;   /* of a name, 0 without names */
  gboolean names;       /* input and output names are drawn */
  gboolean glyphs;      /* activation glyphs are drawn */
} MdkNetworkGeometry;

/* @context measures the names (NULL: a Pango Cairo context of its own). */
void     mdk_network_geometry_init (MdkNetworkGeometry          *geometry,
                                    PangoContext                *context,
                                    double                       width,
                                    double                       height,
                                    const MdkNeatGenome         *genome,
                                    const MdkNetworkLayout      *layout,
                                    const char * const          *input_names,
                                    const char * const          *output_names,
                                    const MdkNetworkDrawOptions *options);

/* Draws @genome laid out by @layout into (0, 0, width, height).  Positive
 * weights blue, negative orange, wider for larger |weight|; disabled
 * connections dashed; recurrent ones as loops with an arrow head.  The
 * names may be NULL or shorter than the genome's inputs/outputs. */
void     mdk_network_draw          (cairo_t                     *cr,
                                    double                       width,
                                    double                       height,
                                    const MdkNeatGenome         *genome,
                                    const MdkNetworkLayout      *layout,
                                    const char * const          *input_names,
                                    const char * const          *output_names,
                                    const MdkNetworkDrawOptions *options);
void     mdk_network_draw_with_geometry (cairo_t                     *cr,
                                         const MdkNetworkGeometry    *geometry,
                                         const MdkNeatGenome         *genome,
                                         const MdkNetworkLayout      *layout,
                                         const char * const          *input_names,
                                         const char * const          *output_names,
                                         const MdkNetworkDrawOptions *options);

/* The same drawing in two layers, for a widget that keeps the first one
 * while only the selection or the highlight changes:
 * the base layer is every connection and node without the selection marks,
 * with the connections dimmed when @options highlights a node or a
 * connection (so it depends on whether something is highlighted, not on
 * what); the marks go over it: the highlighted connections and node, the
 * selection halos and rings.  Only what falls inside the clip of @cr is
 * drawn, so a base layer may be recorded bigger than the view and panned.
 * mdk_network_draw_marks () returns FALSE when there is nothing to mark. */
void     mdk_network_draw_base     (cairo_t                     *cr,
                                    const MdkNetworkGeometry    *geometry,
                                    const MdkNeatGenome         *genome,
                                    const MdkNetworkLayout      *layout,
                                    const char * const          *input_names,
                                    const char * const          *output_names,
                                    const MdkNetworkDrawOptions *options);
gboolean mdk_network_draw_marks    (cairo_t                     *cr,
                                    const MdkNetworkGeometry    *geometry,
                                    const MdkNeatGenome         *genome,
                                    const MdkNetworkLayout      *layout,
                                    const MdkNetworkDrawOptions *options);
/* The pixel-aligned box the marks cover, or FALSE when there are none. */
gboolean mdk_network_marks_extents (const MdkNetworkGeometry    *geometry,
                                    const MdkNeatGenome         *genome,
                                    const MdkNetworkLayout      *layout,
                                    const MdkNetworkDrawOptions *options,
                                    cairo_rectangle_t           *extents);

/* The node or connection at (x, y), or FALSE.  One of the two indices is
 * set, the other is -1; nodes win over the connections under them. */
gboolean mdk_network_hit_test      (const MdkNetworkGeometry    *geometry,
                                    const MdkNeatGenome         *genome,
                                    const MdkNetworkLayout      *layout,
                                    double                       x,
                                    double                       y,
                                    int                         *node_index,
                                    int                         *conn_index);

/* The colours of positive and negative weights. */
void     mdk_network_weight_color  (double                       weight,
                                    MdkRGBA                     *color);

/* The name of input @i / output @i: from @names when there is one, else a
 * generic "x1" / "y1".  Returned string is owned by the caller. */
char    *mdk_network_input_name    (const char * const          *names,
                                    guint                        i);
char    *mdk_network_output_name   (const char * const          *names,
                                    guint                        i);

/* Tooltip texts, shared by the read-only view and the editor. */
char *mdk_network_node_name            (const MdkNeatGenome *genome,
                                        const MdkNeatNode   *node,
                                        const char * const  *input_names,
                                        const char * const  *output_names);
char *mdk_network_describe_node        (const MdkNeatGenome *genome,
                                        guint                index,
                                        const char * const  *input_names,
                                        const char * const  *output_names);
char *mdk_network_connection_title     (const MdkNeatGenome *genome,
                                        guint                index,
                                        const char * const  *input_names,
                                        const char * const  *output_names);
char *mdk_network_describe_connection  (const MdkNeatGenome *genome,
                                        guint                index,
                                        gboolean             recurrent,
                                        const char * const  *input_names,
                                        const char * const  *output_names);

G_END_DECLS
