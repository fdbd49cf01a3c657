#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-network-draw.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* Weight colours from the GNOME palette: blue 4 and orange 5 read on light
 * and dark backgrounds alike. */
#define POSITIVE_RGB 0x1c71d8
#define NEGATIVE_RGB 0xe66100
/* |weight| at which a connection reaches its full width. */
#define WEIGHT_SATURATION 4.0
#define CURVE_SEGMENTS 24

/* ---------------------------------------------------------------- layout */

enum { WHITE, GREY, BLACK };

static gboolean
is_input_type (guint8 type)
{
  return type == MDK_NEAT_NODE_INPUT || type == MDK_NEAT_NODE_BIAS;
}

static gboolean
is_output (const MdkNeatGenome *g,
           guint                v)
{
  return g->nodes[v].type == MDK_NEAT_NODE_OUTPUT;
}

/* An enabled edge that counts for depth: not recurrent, not out of an
 * output (outputs are the last column), not into an input. */
static gboolean
feeds_forward (const MdkNeatGenome    *g,
               const MdkNetworkLayout *layout,
               const int              *src,
               const int              *dst,
               guint                   e)
{
  return !(layout->conn_flags[e] & MDK_NETWORK_CONN_RECURRENT) &&
         !is_output (g, src[e]) && !is_input_type (g->nodes[dst[e]].type);
}

typedef struct
{
  guint  index;
  double key;
  guint32 id;
} RowKey;

static int
compare_row_keys (gconstpointer a,
                  gconstpointer b)
{
  const RowKey *ka = a, *kb = b;

  if (ka->key != kb->key)
    return ka->key < kb->key ? -1 : 1;
  return ka->id < kb->id ? -1 : ka->id > kb->id;
}

void
mdk_network_layout_clear (MdkNetworkLayout *layout)
{
  g_return_if_fail (layout != NULL);

  g_clear_pointer (&layout->nodes, g_free);
  g_clear_pointer (&layout->conn_flags, g_free);
  layout->n_nodes = 0;
  layout->n_conns = 0;
  layout->n_columns = 2;
  layout->max_rows = 0;
}

void
mdk_network_layout (const MdkNeatGenome *g,
                    MdkNetworkLayout    *out)
{
  guint n, m, n_edges = 0, max_hidden = 0, n_columns;
  g_autofree int *src = NULL, *dst = NULL;
  g_autofree guint *out_start = NULL, *out_edges = NULL, *fill = NULL;
  g_autofree guint8 *color = NULL;
  g_autofree guint *depth = NULL, *indeg = NULL, *queue = NULL, *stack = NULL, *stack_pos = NULL;
  g_autofree double *bary_sum = NULL;
  g_autofree guint *bary_n = NULL;
  g_autofree RowKey *keys = NULL;

  g_return_if_fail (g != NULL);
  g_return_if_fail (out != NULL);

  n = g->n_nodes;
  m = g->n_conns;
  out->nodes = g_new0 (MdkNetworkLayoutNode, MAX (n, 1));
  out->conn_flags = g_new0 (guint8, MAX (m, 1));
  out->n_nodes = n;
  out->n_conns = m;
  out->n_columns = 2;
  out->max_rows = 0;
  if (n == 0)
    return;

  /* Endpoints as node indices, and the enabled edges grouped by source. */
  src = g_new (int, MAX (m, 1));
  dst = g_new (int, MAX (m, 1));
  out_start = g_new0 (guint, n + 1);
  for (guint i = 0; i < m; i++)
    {
      src[i] = mdk_neat_genome_find_node (g, g->conns[i].in);
      dst[i] = mdk_neat_genome_find_node (g, g->conns[i].out);
      if (g->conns[i].enabled && src[i] >= 0 && dst[i] >= 0)
        {
          out_start[src[i] + 1]++;
          n_edges++;
        }
      if (src[i] >= 0 && src[i] == dst[i])
        out->conn_flags[i] |= MDK_NETWORK_CONN_SELF | MDK_NETWORK_CONN_RECURRENT;
    }
  for (guint v = 0; v < n; v++)
    out_start[v + 1] += out_start[v];
  out_edges = g_new (guint, MAX (n_edges, 1));
  fill = g_memdup2 (out_start, sizeof (guint) * n);
  for (guint i = 0; i < m; i++)
    if (g->conns[i].enabled && src[i] >= 0 && dst[i] >= 0)
      out_edges[fill[src[i]]++] = i;

  /* Depth-first from the inputs first, then from every other node: an edge
   * into a node still on the stack closes a cycle and counts as recurrent.
   * Outputs sit in the last column whatever they feed, so the search does
   * not go on through them; their outgoing edges are judged afterwards. */
  color = g_new0 (guint8, n);
  stack = g_new (guint, n);
  stack_pos = g_new (guint, n);
  for (guint pass = 0; pass < 2; pass++)
    for (guint root = 0; root < n; root++)
      {
        guint top = 0;

        if (color[root] != WHITE || is_input_type (g->nodes[root].type) != (pass == 0))
          continue;
        color[root] = GREY;
        stack[0] = root;
        stack_pos[0] = is_output (g, root) ? out_start[root + 1] : out_start[root];
        top = 1;
        while (top > 0)
          {
            guint u = stack[top - 1];

            if (stack_pos[top - 1] < out_start[u + 1])
              {
                guint e = out_edges[stack_pos[top - 1]++];
                guint v = dst[e];

                if (color[v] == GREY)
                  out->conn_flags[e] |= MDK_NETWORK_CONN_RECURRENT;
                else if (color[v] == WHITE)
                  {
                    color[v] = GREY;
                    stack[top] = v;
                    stack_pos[top] = is_output (g, v) ? out_start[v + 1] : out_start[v];
                    top++;
                  }
              }
            else
              {
                color[u] = BLACK;
                top--;
              }
          }
      }

  /* An edge out of an output is recurrent when it leads back to that
   * output. */
  for (guint u = 0; u < n; u++)
    {
      if (!is_output (g, u))
        continue;
      for (guint k = out_start[u]; k < out_start[u + 1]; k++)
        {
          guint e = out_edges[k], top = 0;

          if (dst[e] == (int) u)
            continue;   /* a self-loop, already flagged */
          memset (color, WHITE, n);
          color[dst[e]] = GREY;
          stack[top++] = dst[e];
          while (top > 0)
            {
              guint w = stack[--top];

              if (w == u)
                {
                  out->conn_flags[e] |= MDK_NETWORK_CONN_RECURRENT;
                  break;
                }
              if (is_output (g, w))
                continue;
              for (guint j = out_start[w]; j < out_start[w + 1]; j++)
                {
                  guint f = out_edges[j];
                  if (!(out->conn_flags[f] & MDK_NETWORK_CONN_RECURRENT) && color[dst[f]] == WHITE)
                    {
                      color[dst[f]] = GREY;
                      stack[top++] = dst[f];
                    }
                }
            }
        }
    }

  /* Longest path over the feed-forward edges, a DAG (Kahn's order).  Inputs
   * stay at depth 0 whatever points at them; every other node starts at 1. */
  depth = g_new (guint, n);
  indeg = g_new0 (guint, n);
  queue = g_new (guint, n);
  for (guint v = 0; v < n; v++)
    depth[v] = is_input_type (g->nodes[v].type) ? 0 : 1;
  for (guint k = 0; k < n_edges; k++)
    if (feeds_forward (g, out, src, dst, out_edges[k]))
      indeg[dst[out_edges[k]]]++;
  {
    guint head = 0, tail = 0;

    for (guint v = 0; v < n; v++)
      if (indeg[v] == 0)
        queue[tail++] = v;
    while (head < tail)
      {
        guint u = queue[head++];

        for (guint k = out_start[u]; k < out_start[u + 1]; k++)
          {
            guint e = out_edges[k], v = dst[e];

            if (!feeds_forward (g, out, src, dst, e))
              continue;
            depth[v] = MAX (depth[v], depth[u] + 1);
            if (--indeg[v] == 0)
              queue[tail++] = v;
          }
      }
  }

  for (guint v = 0; v < n; v++)
    if (g->nodes[v].type == MDK_NEAT_NODE_HIDDEN)
      max_hidden = MAX (max_hidden, depth[v]);
  n_columns = max_hidden + 2;
  out->n_columns = n_columns;
  for (guint v = 0; v < n; v++)
    {
      guint8 type = g->nodes[v].type;
      out->nodes[v].column = is_input_type (type) ? 0 :
                             type == MDK_NEAT_NODE_OUTPUT ? n_columns - 1 : depth[v];
      out->nodes[v].x = (double) out->nodes[v].column / (n_columns - 1);
    }

  /* Rows: inputs and outputs in id order; hidden nodes, column by column,
   * by the mean row of their sources to the left (fewer crossings). */
  bary_sum = g_new0 (double, n);
  bary_n = g_new0 (guint, n);
  keys = g_new (RowKey, n);
  for (guint c = 0; c < n_columns; c++)
    {
      guint count = 0;

      for (guint v = 0; v < n; v++)
        if (out->nodes[v].column == c)
          {
            gboolean ordered = c == 0 || c == n_columns - 1;
            keys[count].index = v;
            keys[count].id = g->nodes[v].id;
            keys[count].key = ordered ? 0.0 : bary_n[v] ? bary_sum[v] / bary_n[v] : 0.5;
            count++;
          }
      qsort (keys, count, sizeof (RowKey), compare_row_keys);
      for (guint r = 0; r < count; r++)
        {
          guint v = keys[r].index;
          out->nodes[v].y = (r + 0.5) / count;
          out->nodes[v].row = r;
          out->nodes[v].rows = count;
          /* Hand the row on to the targets further right. */
          for (guint k = out_start[v]; k < out_start[v + 1]; k++)
            {
              guint e = out_edges[k];
              if (out->nodes[dst[e]].column > c)
                {
                  bary_sum[dst[e]] += out->nodes[v].y;
                  bary_n[dst[e]]++;
                }
            }
        }
      out->max_rows = MAX (out->max_rows, count);
    }

  for (guint i = 0; i < m; i++)
    if (src[i] >= 0 && dst[i] >= 0 && out->nodes[dst[i]].column <= out->nodes[src[i]].column)
      out->conn_flags[i] |= MDK_NETWORK_CONN_BACKWARD;
}

/* -------------------------------------------------------------- geometry */

void
mdk_network_draw_options_init (MdkNetworkDrawOptions *options)
{
  *options = (MdkNetworkDrawOptions) {
    .foreground = { 0, 0, 0, 1 },
    .highlight_node = -1,
    .highlight_conn = -1,
    /* GNOME purple 3: apart from the blue and orange of the weights. */
    .selection = { 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0, 1 },
  };
}

void
mdk_network_weight_color (double   weight,
                          MdkRGBA *color)
{
  guint32 rgb = weight < 0.0 ? NEGATIVE_RGB : POSITIVE_RGB;

  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
  color->alpha = 1.0;
}

static char *
name_at (const char * const *names,
         guint               i,
         const char         *fallback_format)
{
  for (guint k = 0; names != NULL && names[k] != NULL; k++)
    if (k == i)
      return g_strdup (names[k]);
  return g_strdup_printf (fallback_format, i + 1);
}

char *
mdk_network_input_name (const char * const *names,
                        guint               i)
{
  return name_at (names, i, "x%u");
}

char *
mdk_network_output_name (const char * const *names,
                         guint               i)
{
  return name_at (names, i, "y%u");
}

/* The label of node @v, or NULL for hidden nodes. */
static char *
node_label (const MdkNeatGenome *g,
            guint                v,
            const char * const  *input_names,
            const char * const  *output_names)
{
  const MdkNeatNode *node = &g->nodes[v];

  switch (node->type)
    {
    case MDK_NEAT_NODE_INPUT:
      return mdk_network_input_name (input_names, node->id);
    case MDK_NEAT_NODE_BIAS:
      return g_strdup (C_("network node", "bias"));
    case MDK_NEAT_NODE_OUTPUT:
      return mdk_network_output_name (output_names, node->id - g->n_inputs - 1);
    default:
      return NULL;
    }
}

static PangoFontDescription *
font_for (const MdkNetworkDrawOptions *options)
{
  if (options != NULL && options->font != NULL)
    return pango_font_description_copy (options->font);
  return pango_font_description_from_string ("Sans 9");
}

static gboolean
has_loops (const MdkNetworkLayout *layout)
{
  for (guint i = 0; i < layout->n_conns; i++)
    if (layout->conn_flags[i] & (MDK_NETWORK_CONN_BACKWARD | MDK_NETWORK_CONN_SELF))
      return TRUE;
  return FALSE;
}

void
mdk_network_geometry_init (MdkNetworkGeometry          *geom,
                           PangoContext                *context,
                           double                       width,
                           double                       height,
                           const MdkNeatGenome         *g,
                           const MdkNetworkLayout      *layout,
                           const char * const          *input_names,
                           const char * const          *output_names,
                           const MdkNetworkDrawOptions *options)
{
  gboolean compact = (options != NULL && options->compact) || MIN (width, height) < 140;
  gboolean loops = has_loops (layout);
  double left_text = 0.0, right_text = 0.0, radius = 12.0;

  g_return_if_fail (geom != NULL);

  *geom = (MdkNetworkGeometry) { .width = width, .height = height };
  geom->names = !compact;
  geom->glyphs = !compact;

  if (geom->names && g != NULL)
    {
      g_autoptr(GObject) own = NULL;
      g_autoptr(PangoLayout) pl = NULL;
      PangoFontDescription *font = font_for (options);

      if (context == NULL)
        {
          context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
          own = G_OBJECT (context);
        }
      pl = pango_layout_new (context);
      pango_layout_set_font_description (pl, font);
      for (guint v = 0; v < g->n_nodes; v++)
        {
          g_autofree char *label = node_label (g, v, input_names, output_names);
          int w, h;

          if (label == NULL)
            continue;
          pango_layout_set_text (pl, label, -1);
          pango_layout_get_pixel_size (pl, &w, &h);
          geom->line_height = MAX (geom->line_height, h);
          if (g->nodes[v].type == MDK_NEAT_NODE_OUTPUT)
            right_text = MAX (right_text, w + 6);
          else
            left_text = MAX (left_text, w + 6);
        }
      pango_font_description_free (font);
      /* Long names give way to the network. */
      left_text = MIN (left_text, width * 0.25);
      right_text = MIN (right_text, width * 0.25);
    }

  /* The radius depends on the spacing, the spacing on the margins, and the
   * margins on the radius: two rounds settle it. */
  for (guint round = 0; round < 2; round++)
    {
      double vmargin = loops ? 2.6 * radius + 3.0 : 3.0;
      double left = left_text + radius + 3.0, right = right_text + radius + 3.0;
      double col_pitch = MAX (width - left - right, 1.0) / MAX (layout->n_columns - 1, 1);
      double row_pitch = MAX (height - 2 * vmargin, 1.0) / MAX (layout->max_rows, 1);

      radius = CLAMP (0.3 * MIN (col_pitch, row_pitch), 2.5, compact ? 7.0 : 13.0);
      geom->x0 = left;
      geom->sx = MAX (width - left - right, 1.0);
      geom->y0 = vmargin;
      geom->sy = MAX (height - 2 * vmargin, 1.0);
    }
  geom->radius = radius;
  geom->line_scale = CLAMP (radius / 9.0, 0.5, 1.4);
  if (radius < 7.0)
    geom->glyphs = FALSE;
}

static inline void
node_point (const MdkNetworkGeometry *geom,
            const MdkNetworkLayout   *layout,
            guint                     v,
            double                   *x,
            double                   *y)
{
  *x = geom->x0 + layout->nodes[v].x * geom->sx;
  *y = geom->y0 + layout->nodes[v].y * geom->sy;
}

static double
conn_width (const MdkNetworkGeometry *geom,
            const MdkNeatConn        *c)
{
  double t = MIN (fabs (c->weight) / WEIGHT_SATURATION, 1.0);

  if (!c->enabled)
    return MAX (1.0, geom->line_scale);
  return MAX (1.0, geom->line_scale * (0.8 + 3.2 * t));
}

/* The four Bézier control points of connection @i; FALSE when an endpoint is
 * missing. */
static gboolean
conn_curve (const MdkNetworkGeometry *geom,
            const MdkNeatGenome      *g,
            const MdkNetworkLayout   *layout,
            guint                     i,
            double                    p[8])
{
  const MdkNeatConn *c = &g->conns[i];
  int a = mdk_neat_genome_find_node (g, c->in), b = mdk_neat_genome_find_node (g, c->out);
  double x1, y1, x2, y2, r = geom->radius;
  guint8 flags = layout->conn_flags[i];

  if (a < 0 || b < 0)
    return FALSE;
  node_point (geom, layout, a, &x1, &y1);
  node_point (geom, layout, b, &x2, &y2);

  if (flags & MDK_NETWORK_CONN_SELF)
    {
      /* A loop over the node, leaving and entering its top. */
      p[0] = x1 - 0.5 * r;  p[1] = y1 - 0.87 * r;
      p[2] = x1 - 1.9 * r;  p[3] = y1 - 3.3 * r;
      p[4] = x1 + 1.9 * r;  p[5] = y1 - 3.3 * r;
      p[6] = x1 + 0.5 * r;  p[7] = y1 - 0.87 * r;
    }
  else if (flags & MDK_NETWORK_CONN_BACKWARD)
    {
      /* Out of the source's right, round above (or below) both nodes, into
       * the target's left: clearly apart from the left-to-right flow. */
      gboolean up = (y1 + y2) / 2 <= geom->y0 + geom->sy / 2;
      double s = up ? -1.0 : 1.0;
      double row_pitch = geom->sy / MAX (layout->max_rows, 1);
      double clearance = MAX (2.4 * r, 0.45 * row_pitch);
      double peak = up ? MAX (MIN (y1, y2) - clearance, 2.0 + geom->line_scale)
                       : MIN (MAX (y1, y2) + clearance, geom->height - 2.0 - geom->line_scale);
      double d = MAX (3.0 * r, 0.35 * geom->sx / MAX (layout->n_columns - 1, 1));
      double yc;

      p[0] = x1 + 0.7 * r;  p[1] = y1 + s * 0.7 * r;
      p[6] = x2 - 0.7 * r;  p[7] = y2 + s * 0.7 * r;
      /* A symmetric cubic peaks at (y0 + 3y1 + 3y2 + y3) / 8. */
      yc = (peak - (p[1] + p[7]) / 8.0) / 0.75;
      p[2] = x1 + d;  p[3] = yc;
      p[4] = x2 - d;  p[5] = yc;
    }
  else
    {
      double dx;

      p[0] = x1 + r;  p[1] = y1;
      p[6] = x2 - r;  p[7] = y2;
      dx = (p[6] - p[0]) * 0.5;
      p[2] = p[0] + dx;  p[3] = y1;
      p[4] = p[6] - dx;  p[5] = y2;
    }
  return TRUE;
}

static inline void
bezier_point (const double p[8],
              double       t,
              double      *x,
              double      *y)
{
  double u = 1.0 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  *x = a * p[0] + b * p[2] + c * p[4] + d * p[6];
  *y = a * p[1] + b * p[3] + c * p[5] + d * p[7];
}

/* ---------------------------------------------------------------- drawing */

static void
set_rgba (cairo_t       *cr,
          const MdkRGBA *c,
          double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* What a call draws: everything at once, or one of the two layers. */
typedef enum
{
  PART_ALL,
  PART_BASE,
  PART_MARKS,
} Part;

/* The area worth drawing into: the clip, so that a zoomed-in view does not
 * record the thousands of connections outside it. */
typedef struct
{
  double x0, y0, x1, y1;
} Box;

static void
clip_box (cairo_t *cr,
          Box     *box)
{
  cairo_clip_extents (cr, &box->x0, &box->y0, &box->x1, &box->y1);
}

static gboolean
curve_visible (const Box    *box,
               const double  p[8],
               double        margin)
{
  double x0 = MIN (MIN (p[0], p[2]), MIN (p[4], p[6])) - margin;
  double x1 = MAX (MAX (p[0], p[2]), MAX (p[4], p[6])) + margin;
  double y0 = MIN (MIN (p[1], p[3]), MIN (p[5], p[7])) - margin;
  double y1 = MAX (MAX (p[1], p[3]), MAX (p[5], p[7])) + margin;

  return x1 >= box->x0 && x0 <= box->x1 && y1 >= box->y0 && y0 <= box->y1;
}

static gboolean
disc_visible (const Box *box,
              double     x,
              double     y,
              double     r)
{
  return x + r >= box->x0 && x - r <= box->x1 && y + r >= box->y0 && y - r <= box->y1;
}

static void
add_curve (cairo_t      *cr,
           const double  p[8])
{
  cairo_move_to (cr, p[0], p[1]);
  /* Zoomed far out, a curve whose control points all lie within a pixel of
   * its chord is a line. */
  if (fabs (p[2] - p[0]) + fabs (p[3] - p[1]) + fabs (p[4] - p[6]) + fabs (p[5] - p[7]) < 1.0)
    cairo_line_to (cr, p[6], p[7]);
  else
    cairo_curve_to (cr, p[2], p[3], p[4], p[5], p[6], p[7]);
}

static void
add_arrow_head (cairo_t      *cr,
                const double  p[8],
                double        size)
{
  double dx = p[6] - p[4], dy = p[7] - p[5], len = hypot (dx, dy);

  if (len < 1e-6)
    return;
  dx /= len;
  dy /= len;
  cairo_move_to (cr, p[6], p[7]);
  cairo_line_to (cr, p[6] - size * dx + 0.5 * size * dy, p[7] - size * dy - 0.5 * size * dx);
  cairo_line_to (cr, p[6] - size * dx - 0.5 * size * dy, p[7] - size * dy + 0.5 * size * dx);
  cairo_close_path (cr);
}

/* Connections are stroked in batches, one path per bucket of the same
 * colour, alpha, dash and (rounded) width: a stroke per connection made the
 * recording of 5000 of them cost several milliseconds.  Widths are rounded
 * to a quarter pixel, which does not show. */
#define WIDTH_STEPS 4.0
#define N_WIDTH_BUCKETS 64
/* Each bucket is split in layers by index, so that blue and orange stay
 * mixed on top of each other as with one stroke per connection, rather
 * than one colour always over the other. */
#define N_LAYERS 4

typedef struct
{
  guint  index;
  guint  key;
  double p[8];
  double width;
} Stroke;

static int
compare_strokes (gconstpointer a,
                 gconstpointer b)
{
  const Stroke *sa = a, *sb = b;

  if (sa->key != sb->key)
    return sa->key < sb->key ? -1 : 1;
  return sa->index < sb->index ? -1 : sa->index > sb->index;
}

/* Bucket key: disabled before enabled, plain before highlighted, the
 * layer, thin before thick, then the sign. */
static guint
stroke_key (gboolean enabled,
            gboolean highlighted,
            guint    layer,
            double   width,
            gboolean negative)
{
  guint w = (guint) CLAMP (lround (width * WIDTH_STEPS), 1, N_WIDTH_BUCKETS - 1);

  return (((((enabled ? 1u : 0u) * 2 + (highlighted ? 1u : 0u)) * N_LAYERS + layer) * N_WIDTH_BUCKETS + w) * 2) +
         (negative ? 1u : 0u);
}

static void
stroke_batches (cairo_t                  *cr,
                const MdkNetworkGeometry *geom,
                const MdkNeatGenome      *g,
                const MdkNetworkLayout   *layout,
                Stroke                   *strokes,
                guint                     n,
                gboolean                  dim)
{
  double dash[2] = { 4.0 * geom->line_scale + 1.0, 3.0 * geom->line_scale + 1.0 };

  qsort (strokes, n, sizeof (Stroke), compare_strokes);
  for (guint start = 0, end; start < n; start = end)
    {
      const MdkNeatConn *c = &g->conns[strokes[start].index];
      gboolean highlighted = (strokes[start].key / (2 * N_WIDTH_BUCKETS * N_LAYERS)) % 2;
      double width = (double) ((strokes[start].key / 2) % N_WIDTH_BUCKETS) / WIDTH_STEPS;
      double alpha = c->enabled ? 1.0 : 0.45;
      gboolean arrows = FALSE;
      MdkRGBA color;

      for (end = start + 1; end < n && strokes[end].key == strokes[start].key; end++)
        ;
      if (dim && !highlighted)
        alpha *= 0.25;
      mdk_network_weight_color (c->weight, &color);
      set_rgba (cr, &color, alpha);
      cairo_set_line_width (cr, width);
      cairo_set_dash (cr, c->enabled ? NULL : dash, c->enabled ? 0 : 2, 0);
      for (guint k = start; k < end; k++)
        {
          add_curve (cr, strokes[k].p);
          arrows |= (layout->conn_flags[strokes[k].index] & (MDK_NETWORK_CONN_BACKWARD | MDK_NETWORK_CONN_SELF)) != 0;
        }
      cairo_stroke (cr);
      if (arrows)
        {
          for (guint k = start; k < end; k++)
            if (layout->conn_flags[strokes[k].index] & (MDK_NETWORK_CONN_BACKWARD | MDK_NETWORK_CONN_SELF))
              add_arrow_head (cr, strokes[k].p, 3.0 + 1.5 * strokes[k].width);
          cairo_fill (cr);
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static gboolean
conn_highlighted (const MdkNeatGenome         *g,
                  const MdkNetworkDrawOptions *options,
                  guint                        i)
{
  const MdkNeatConn *c = &g->conns[i];

  if ((int) i == options->highlight_conn)
    return TRUE;
  if (options->highlight_node >= 0 && (guint) options->highlight_node < g->n_nodes)
    {
      guint32 id = g->nodes[options->highlight_node].id;

      return c->in == id || c->out == id;
    }
  return FALSE;
}

static gboolean
highlight_set (const MdkNeatGenome         *g,
               const MdkNetworkDrawOptions *options)
{
  return (options->highlight_node >= 0 && (guint) options->highlight_node < g->n_nodes) ||
         (options->highlight_conn >= 0 && (guint) options->highlight_conn < g->n_conns);
}

static void
draw_connections (cairo_t                     *cr,
                  const MdkNetworkGeometry    *geom,
                  const MdkNeatGenome         *g,
                  const MdkNetworkLayout      *layout,
                  const MdkNetworkDrawOptions *options,
                  Part                         part)
{
  gboolean dim = highlight_set (g, options);
  g_autofree Stroke *strokes = g_new (Stroke, MAX (g->n_conns, 1));
  guint n = 0, n_halos = 0;
  Box box;

  clip_box (cr, &box);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < g->n_conns; i++)
    {
      const MdkNeatConn *c = &g->conns[i];
      gboolean selected = options->selected_conns != NULL && options->selected_conns[i];
      gboolean highlighted = dim && conn_highlighted (g, options, i);
      Stroke *s = &strokes[n];

      /* The base layer has every connection, dimmed under a highlight; the
       * marks redraw the highlighted and selected ones over it. */
      if (part == PART_BASE)
        highlighted = FALSE;
      else if (part == PART_MARKS && !highlighted && !selected)
        continue;
      if (!conn_curve (geom, g, layout, i, s->p))
        continue;
      s->width = conn_width (geom, c);
      if (highlighted && (int) i == options->highlight_conn)
        s->width += 2.0;
      if (!curve_visible (&box, s->p, s->width + 6.0 + 3.0 + 1.5 * s->width))
        continue;
      s->index = i;
      s->key = stroke_key (c->enabled, highlighted, (guint) ((guint64) i * N_LAYERS / g->n_conns),
                           s->width, c->weight < 0);
      n++;
      if (selected && part != PART_BASE)
        n_halos++;
    }

  if (n_halos > 0)
    {
      /* A halo under the line marks it as selected. */
      set_rgba (cr, &options->selection, 0.55);
      for (guint k = 0; k < n; k++)
        if (options->selected_conns[strokes[k].index])
          {
            cairo_set_line_width (cr, strokes[k].width + 6.0);
            add_curve (cr, strokes[k].p);
            cairo_stroke (cr);
          }
    }
  stroke_batches (cr, geom, g, layout, strokes, n, dim);
}

/* A tiny plot of the node's activation function over [-2, 2], as heights
 * 0 … 1: the same for every node of that function, so it is worked out
 * once per drawing. */
typedef struct
{
  gboolean done;
  double   t[CURVE_SEGMENTS + 1];
} Glyph;

static const Glyph *
glyph_for (Glyph         *glyphs,
           MdkActivation  activation)
{
  Glyph *glyph = &glyphs[activation];
  double ys[CURVE_SEGMENTS + 1], lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  if (glyph->done)
    return glyph;
  for (guint k = 0; k <= CURVE_SEGMENTS; k++)
    {
      double x = -2.0 + 4.0 * k / CURVE_SEGMENTS;
      ys[k] = mdk_activation_apply (activation, x);
      lo = MIN (lo, ys[k]);
      hi = MAX (hi, ys[k]);
    }
  for (guint k = 0; k <= CURVE_SEGMENTS; k++)
    glyph->t[k] = hi - lo > 1e-9 ? (ys[k] - lo) / (hi - lo) : 0.5;
  glyph->done = TRUE;
  return glyph;
}

static void
add_glyph (cairo_t     *cr,
           const Glyph *glyph,
           double       cx,
           double       cy,
           double       r)
{
  double half = 0.55 * r;

  for (guint k = 0; k <= CURVE_SEGMENTS; k++)
    {
      double px = cx - half + 2 * half * k / CURVE_SEGMENTS;
      double py = cy + half * 0.8 - 1.6 * half * glyph->t[k];

      if (k == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
}

/* With many inputs the names would overlap: name every n-th node only. */
static guint
label_stride (const MdkNetworkGeometry   *geom,
              const MdkNetworkLayoutNode *node)
{
  double pitch = geom->sy / MAX (node->rows, 1);

  if (geom->line_height <= 0 || pitch >= geom->line_height)
    return 1;
  return (guint) ceil (geom->line_height / pitch);
}

static void
add_circle (cairo_t *cr,
            double   x,
            double   y,
            double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
}

static double
node_tint (guint8 type)
{
  switch (type)
    {
    case MDK_NEAT_NODE_INPUT: return 0.14;
    case MDK_NEAT_NODE_BIAS: return 0.06;
    case MDK_NEAT_NODE_OUTPUT: return 0.26;
    default: return 0.0;
    }
}

static void
draw_labels (cairo_t                     *cr,
             const MdkNetworkGeometry    *geom,
             const MdkNeatGenome         *g,
             const MdkNetworkLayout      *layout,
             const char * const          *input_names,
             const char * const          *output_names,
             const MdkNetworkDrawOptions *options,
             const Box                   *box)
{
  const MdkRGBA *fg = &options->foreground;
  double r = geom->radius;
  g_autoptr(PangoLayout) pl = pango_cairo_create_layout (cr);
  PangoFontDescription *font = font_for (options);

  pango_layout_set_font_description (pl, font);
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  for (guint v = 0; v < g->n_nodes; v++)
    {
      const MdkNeatNode *node = &g->nodes[v];
      g_autofree char *label = NULL;
      gboolean right;
      double x, y, room;
      int w, h;

      if (node->type == MDK_NEAT_NODE_HIDDEN ||
          layout->nodes[v].row % label_stride (geom, &layout->nodes[v]) != 0)
        continue;
      node_point (geom, layout, v, &x, &y);
      right = node->type == MDK_NEAT_NODE_OUTPUT;
      /* No text layout for a name that would land outside the drawing. */
      if ((right && x + r + 4 > box->x1) || (!right && x - r - 4 < box->x0) ||
          y + geom->line_height < box->y0 || y - geom->line_height > box->y1)
        continue;
      label = node_label (g, v, input_names, output_names);
      room = right ? geom->width - (x + r + 4) : x - r - 4;
      pango_layout_set_text (pl, label, -1);
      pango_layout_set_width (pl, (int) MAX (room, 1.0) * PANGO_SCALE);
      pango_layout_get_pixel_size (pl, &w, &h);
      set_rgba (cr, fg, node->type == MDK_NEAT_NODE_BIAS ? 0.6 : 0.9);
      cairo_move_to (cr, right ? x + r + 4 : x - r - 4 - w,
                     CLAMP (y - h / 2.0, 0.0, MAX (geom->height - h, 0.0)));
      pango_cairo_show_layout (cr, pl);
    }
  pango_font_description_free (font);
}

/* The nodes, each kind of mark as one path: the punch-outs under the
 * nodes, the tints, the outlines, the selection rings and the glyphs. */
static void
draw_nodes (cairo_t                     *cr,
            const MdkNetworkGeometry    *geom,
            const MdkNeatGenome         *g,
            const MdkNetworkLayout      *layout,
            const char * const          *input_names,
            const char * const          *output_names,
            const MdkNetworkDrawOptions *options,
            Part                         part)
{
  static const guint8 tinted[] = { MDK_NEAT_NODE_INPUT, MDK_NEAT_NODE_BIAS, MDK_NEAT_NODE_OUTPUT };
  const MdkRGBA *fg = &options->foreground;
  double r = geom->radius, ring = r + 2.0 + 1.5 * geom->line_scale;
  int hl = options->highlight_node >= 0 && (guint) options->highlight_node < g->n_nodes &&
           part != PART_BASE ? options->highlight_node : -1;
  g_autofree double *xy = g_new (double, 2 * g->n_nodes);
  g_autofree guint8 *shown = g_new0 (guint8, g->n_nodes);
  gboolean any_selected = FALSE;
  Glyph glyphs[MDK_N_ACTIVATIONS] = { { 0 } };
  Box box;

  clip_box (cr, &box);
  for (guint v = 0; v < g->n_nodes; v++)
    {
      node_point (geom, layout, v, &xy[2 * v], &xy[2 * v + 1]);
      shown[v] = disc_visible (&box, xy[2 * v], xy[2 * v + 1], ring + 3.0 * geom->line_scale + 1.0);
      any_selected |= shown[v] && options->selected_nodes != NULL && options->selected_nodes[v];
    }

  /* Punch the connections out under the nodes, or cover them with the
   * paper: SVG and PDF can only show CLEAR as a bitmap. */
  for (guint v = 0; v < g->n_nodes; v++)
    if (shown[v])
      add_circle (cr, xy[2 * v], xy[2 * v + 1], r);
  if (options->background.alpha > 0)
    {
      set_rgba (cr, &options->background, 1.0);
      cairo_fill (cr);
    }
  else
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_fill (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    }

  if (part != PART_MARKS)
    {
      /* Tint by kind. */
      for (guint k = 0; k < G_N_ELEMENTS (tinted); k++)
        {
          gboolean any = FALSE;

          for (guint v = 0; v < g->n_nodes; v++)
            if (shown[v] && g->nodes[v].type == tinted[k])
              {
                add_circle (cr, xy[2 * v], xy[2 * v + 1], r);
                any = TRUE;
              }
          if (any)
            {
              set_rgba (cr, fg, node_tint (tinted[k]));
              cairo_fill (cr);
            }
        }

      /* Outlines: the bias dashed. */
      cairo_set_line_width (cr, 1.2 * geom->line_scale);
      set_rgba (cr, fg, 0.75);
      for (guint v = 0; v < g->n_nodes; v++)
        if (shown[v] && (int) v != hl && g->nodes[v].type != MDK_NEAT_NODE_BIAS)
          add_circle (cr, xy[2 * v], xy[2 * v + 1], r);
      cairo_stroke (cr);
      for (guint v = 0; v < g->n_nodes; v++)
        if (shown[v] && (int) v != hl && g->nodes[v].type == MDK_NEAT_NODE_BIAS)
          {
            double dash[2] = { 2.0, 2.0 };

            add_circle (cr, xy[2 * v], xy[2 * v + 1], r);
            cairo_set_dash (cr, dash, 2, 0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
    }

  if (hl >= 0 && shown[hl])
    {
      if (g->nodes[hl].type == MDK_NEAT_NODE_BIAS)
        {
          double dash[2] = { 2.0, 2.0 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      add_circle (cr, xy[2 * hl], xy[2 * hl + 1], r);
      set_rgba (cr, fg, 1.0);
      cairo_set_line_width (cr, 2.5 * geom->line_scale);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (any_selected && part != PART_BASE)
    {
      for (guint v = 0; v < g->n_nodes; v++)
        if (shown[v] && options->selected_nodes[v])
          add_circle (cr, xy[2 * v], xy[2 * v + 1], ring);
      set_rgba (cr, &options->selection, 1.0);
      cairo_set_line_width (cr, 2.5 * geom->line_scale + 0.5);
      cairo_stroke (cr);
    }

  if (part == PART_MARKS)
    return;

  if (geom->glyphs)
    {
      gboolean any = FALSE;

      for (guint v = 0; v < g->n_nodes; v++)
        if (shown[v] && !is_input_type (g->nodes[v].type))
          {
            add_glyph (cr, glyph_for (glyphs, g->nodes[v].activation), xy[2 * v], xy[2 * v + 1], r);
            any = TRUE;
          }
      if (any)
        {
          set_rgba (cr, fg, 0.9);
          cairo_set_line_width (cr, MAX (1.0, r / 9.0));
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_stroke (cr);
        }
    }

  if (geom->names)
    draw_labels (cr, geom, g, layout, input_names, output_names, options, &box);
}

static void
draw_part (cairo_t                     *cr,
           const MdkNetworkGeometry    *geom,
           const MdkNeatGenome         *g,
           const MdkNetworkLayout      *layout,
           const char * const          *input_names,
           const char * const          *output_names,
           const MdkNetworkDrawOptions *options,
           Part                         part)
{
  MdkNetworkDrawOptions defaults;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (geom != NULL);
  g_return_if_fail (layout != NULL);

  if (g == NULL || g->n_nodes == 0)
    return;
  g_return_if_fail (layout->n_nodes == g->n_nodes && layout->n_conns == g->n_conns);
  if (options == NULL)
    {
      mdk_network_draw_options_init (&defaults);
      options = &defaults;
    }

  cairo_save (cr);
  /* A group of its own, so that punching out under the nodes does not punch
   * through whatever was below the drawing. */
  cairo_push_group (cr);
  draw_connections (cr, geom, g, layout, options, part);
  draw_nodes (cr, geom, g, layout, input_names, output_names, options, part);
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
mdk_network_draw_with_geometry (cairo_t                     *cr,
                                const MdkNetworkGeometry    *geom,
                                const MdkNeatGenome         *g,
                                const MdkNetworkLayout      *layout,
                                const char * const          *input_names,
                                const char * const          *output_names,
                                const MdkNetworkDrawOptions *options)
{
  draw_part (cr, geom, g, layout, input_names, output_names, options, PART_ALL);
}

void
mdk_network_draw_base (cairo_t                     *cr,
                       const MdkNetworkGeometry    *geom,
                       const MdkNeatGenome         *g,
                       const MdkNetworkLayout      *layout,
                       const char * const          *input_names,
                       const char * const          *output_names,
                       const MdkNetworkDrawOptions *options)
{
  draw_part (cr, geom, g, layout, input_names, output_names, options, PART_BASE);
}

gboolean
mdk_network_draw_marks (cairo_t                     *cr,
                        const MdkNetworkGeometry    *geom,
                        const MdkNeatGenome         *g,
                        const MdkNetworkLayout      *layout,
                        const MdkNetworkDrawOptions *options)
{
  g_return_val_if_fail (geom != NULL && layout != NULL && options != NULL, FALSE);

  if (!mdk_network_marks_extents (geom, g, layout, options, NULL))
    return FALSE;
  draw_part (cr, geom, g, layout, NULL, NULL, options, PART_MARKS);
  return TRUE;
}

static void
box_add (Box    *box,
         double  x0,
         double  y0,
         double  x1,
         double  y1)
{
  box->x0 = MIN (box->x0, x0);
  box->y0 = MIN (box->y0, y0);
  box->x1 = MAX (box->x1, x1);
  box->y1 = MAX (box->y1, y1);
}

gboolean
mdk_network_marks_extents (const MdkNetworkGeometry    *geom,
                           const MdkNeatGenome         *g,
                           const MdkNetworkLayout      *layout,
                           const MdkNetworkDrawOptions *options,
                           cairo_rectangle_t           *extents)
{
  Box box = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  gboolean dim;

  g_return_val_if_fail (geom != NULL && layout != NULL && options != NULL, FALSE);

  if (g == NULL || g->n_nodes == 0 || layout->n_nodes != g->n_nodes || layout->n_conns != g->n_conns)
    return FALSE;
  dim = highlight_set (g, options);
  for (guint i = 0; i < g->n_conns; i++)
    {
      double p[8], m;

      if (!((dim && conn_highlighted (g, options, i)) ||
            (options->selected_conns != NULL && options->selected_conns[i])) ||
          !conn_curve (geom, g, layout, i, p))
        continue;
      m = conn_width (geom, &g->conns[i]) * 2.5 + 12.0;
      box_add (&box, MIN (MIN (p[0], p[2]), MIN (p[4], p[6])) - m, MIN (MIN (p[1], p[3]), MIN (p[5], p[7])) - m,
               MAX (MAX (p[0], p[2]), MAX (p[4], p[6])) + m, MAX (MAX (p[1], p[3]), MAX (p[5], p[7])) + m);
    }
  for (guint v = 0; v < g->n_nodes; v++)
    if ((int) v == options->highlight_node ||
        (options->selected_nodes != NULL && options->selected_nodes[v]))
      {
        double x, y, m = geom->radius + 4.0 + 5.0 * geom->line_scale;

        node_point (geom, layout, v, &x, &y);
        box_add (&box, x - m, y - m, x + m, y + m);
      }
  if (box.x0 > box.x1)
    return FALSE;
  if (extents != NULL)
    {
      extents->x = floor (box.x0);
      extents->y = floor (box.y0);
      extents->width = ceil (box.x1) - extents->x;
      extents->height = ceil (box.y1) - extents->y;
    }
  return TRUE;
}

void
mdk_network_draw (cairo_t                     *cr,
                  double                       width,
                  double                       height,
                  const MdkNeatGenome         *g,
                  const MdkNetworkLayout      *layout,
                  const char * const          *input_names,
                  const char * const          *output_names,
                  const MdkNetworkDrawOptions *options)
{
  MdkNetworkGeometry geom;

  g_return_if_fail (layout != NULL);

  mdk_network_geometry_init (&geom, NULL, width, height, g, layout,
                             input_names, output_names, options);
  mdk_network_draw_with_geometry (cr, &geom, g, layout, input_names, output_names, options);
}

/* ------------------------------------------------------------ hit testing */

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, t = 0.0;

  if (len2 > 0.0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

gboolean
mdk_network_hit_test (const MdkNetworkGeometry *geom,
                      const MdkNeatGenome      *g,
                      const MdkNetworkLayout   *layout,
                      double                    x,
                      double                    y,
                      int                      *node_index,
                      int                      *conn_index)
{
  double best = G_MAXDOUBLE;
  int best_node = -1, best_conn = -1;

  g_return_val_if_fail (geom != NULL && layout != NULL, FALSE);

  if (node_index)
    *node_index = -1;
  if (conn_index)
    *conn_index = -1;
  if (g == NULL || layout->n_nodes != g->n_nodes || layout->n_conns != g->n_conns)
    return FALSE;

  for (guint v = 0; v < g->n_nodes; v++)
    {
      double nx, ny, d;

      node_point (geom, layout, v, &nx, &ny);
      d = hypot (x - nx, y - ny);
      if (d <= geom->radius + 2.0 && d < best)
        {
          best = d;
          best_node = v;
        }
    }
  if (best_node < 0)
    for (guint i = 0; i < g->n_conns; i++)
      {
        double p[8], ax, ay, tolerance = MAX (4.0, conn_width (geom, &g->conns[i]) / 2 + 2.0);

        if (!conn_curve (geom, g, layout, i, p))
          continue;
        ax = p[0];
        ay = p[1];
        for (guint k = 1; k <= CURVE_SEGMENTS; k++)
          {
            double bx, by, d;

            bezier_point (p, (double) k / CURVE_SEGMENTS, &bx, &by);
            d = segment_distance (x, y, ax, ay, bx, by);
            if (d <= tolerance && d < best)
              {
                best = d;
                best_conn = i;
              }
            ax = bx;
            ay = by;
          }
      }

  if (node_index)
    *node_index = best_node;
  if (conn_index)
    *conn_index = best_conn;
  return best_node >= 0 || best_conn >= 0;
}

/* ------------------------------------------------------------ descriptions */

/* A node's short name: the task's input or output name, "bias", or
 * "hidden N". */
char *
mdk_network_node_name (const MdkNeatGenome *genome,
                       const MdkNeatNode   *node,
                       const char * const  *input_names,
                       const char * const  *output_names)
{
  switch (node->type)
    {
    case MDK_NEAT_NODE_INPUT:
      return mdk_network_input_name (input_names, node->id);
    case MDK_NEAT_NODE_BIAS:
      return g_strdup (C_("network node", "bias"));
    case MDK_NEAT_NODE_OUTPUT:
      return mdk_network_output_name (output_names, node->id - genome->n_inputs - 1);
    default:
      /* TRANSLATORS: a hidden node of a network, by its id */
      return g_strdup_printf (C_("network node", "hidden %u"), node->id);
    }
}

/* The tooltip of node @index: what it is, its id, activation and bias. */
char *
mdk_network_describe_node (const MdkNeatGenome *genome,
                           guint                index,
                           const char * const  *input_names,
                           const char * const  *output_names)
{
  const MdkNeatNode *node = &genome->nodes[index];
  g_autofree char *name = mdk_network_node_name (genome, node, input_names, output_names);
  GString *s = g_string_new (NULL);

  switch (node->type)
    {
    case MDK_NEAT_NODE_INPUT:
      g_string_append_printf (s, _("Input “%s”"), name);
      break;
    case MDK_NEAT_NODE_BIAS:
      g_string_append (s, _("Bias input (always 1)"));
      break;
    case MDK_NEAT_NODE_OUTPUT:
      g_string_append_printf (s, _("Output “%s”"), name);
      break;
    default:
      g_string_append_printf (s, _("Hidden node %u"), node->id);
      break;
    }
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Node id: %u"), node->id);
  if (node->type == MDK_NEAT_NODE_OUTPUT || node->type == MDK_NEAT_NODE_HIDDEN)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Activation: %s"), mdk_activation_get_label (node->activation));
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Bias: %.6g"), node->bias);
    }
  return g_string_free (s, FALSE);
}

/* "Connection a → b" for connection @index. */
char *
mdk_network_connection_title (const MdkNeatGenome *genome,
                              guint                index,
                              const char * const  *input_names,
                              const char * const  *output_names)
{
  const MdkNeatConn *c = &genome->conns[index];
  int a = mdk_neat_genome_find_node (genome, c->in);
  int b = mdk_neat_genome_find_node (genome, c->out);
  g_autofree char *from = a >= 0 ? mdk_network_node_name (genome, &genome->nodes[a], input_names, output_names)
                                 : g_strdup ("?");
  g_autofree char *to = b >= 0 ? mdk_network_node_name (genome, &genome->nodes[b], input_names, output_names)
                               : g_strdup ("?");

  return g_strdup_printf (_("Connection %s → %s"), from, to);
}

/* The tooltip of connection @index: its ends, weight, innovation, state. */
char *
mdk_network_describe_connection (const MdkNeatGenome *genome,
                                 guint                index,
                                 gboolean             recurrent,
                                 const char * const  *input_names,
                                 const char * const  *output_names)
{
  const MdkNeatConn *c = &genome->conns[index];
  g_autofree char *title = mdk_network_connection_title (genome, index, input_names, output_names);
  GString *s = g_string_new (title);

  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Weight: %.6g"), c->weight);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Innovation: %u"), c->innovation);
  if (!c->enabled)
    {
      g_string_append_c (s, '\n');
      g_string_append (s, _("Disabled"));
    }
  if (recurrent)
    {
      g_string_append_c (s, '\n');
      g_string_append (s, _("Recurrent: uses the previous step’s value"));
    }
  return g_string_free (s, FALSE);
}
