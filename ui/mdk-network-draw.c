#define G_LOG_DOMAIN "medaka-ui"

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
                          GdkRGBA *color)
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
          const GdkRGBA *c,
          double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
draw_arrow_head (cairo_t      *cr,
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
  cairo_fill (cr);
}

static void
draw_connections (cairo_t                     *cr,
                  const MdkNetworkGeometry    *geom,
                  const MdkNeatGenome         *g,
                  const MdkNetworkLayout      *layout,
                  const MdkNetworkDrawOptions *options)
{
  guint32 hl_node_id = G_MAXUINT32;
  gboolean dim = FALSE;

  if (options->highlight_node >= 0 && (guint) options->highlight_node < g->n_nodes)
    {
      hl_node_id = g->nodes[options->highlight_node].id;
      dim = TRUE;
    }
  if (options->highlight_conn >= 0 && (guint) options->highlight_conn < g->n_conns)
    dim = TRUE;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Disabled first, so the working network sits on top; thin before thick. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g->n_conns; i++)
      {
        const MdkNeatConn *c = &g->conns[i];
        gboolean highlighted = (int) i == options->highlight_conn ||
                               c->in == hl_node_id || c->out == hl_node_id;
        double p[8], width = conn_width (geom, c), alpha;
        GdkRGBA color;

        if ((pass == 0) != !c->enabled || !conn_curve (geom, g, layout, i, p))
          continue;
        mdk_network_weight_color (c->weight, &color);
        alpha = c->enabled ? 1.0 : 0.45;
        if (dim && !highlighted)
          alpha *= 0.25;
        if ((int) i == options->highlight_conn)
          width += 2.0;
        if (options->selected_conns != NULL && options->selected_conns[i])
          {
            /* A halo under the line marks it as selected. */
            set_rgba (cr, &options->selection, 0.55);
            cairo_set_line_width (cr, width + 6.0);
            cairo_set_dash (cr, NULL, 0, 0);
            cairo_move_to (cr, p[0], p[1]);
            cairo_curve_to (cr, p[2], p[3], p[4], p[5], p[6], p[7]);
            cairo_stroke (cr);
          }

        set_rgba (cr, &color, alpha);
        cairo_set_line_width (cr, width);
        if (c->enabled)
          cairo_set_dash (cr, NULL, 0, 0);
        else
          {
            double dash[2] = { 4.0 * geom->line_scale + 1.0, 3.0 * geom->line_scale + 1.0 };
            cairo_set_dash (cr, dash, 2, 0);
          }
        cairo_move_to (cr, p[0], p[1]);
        cairo_curve_to (cr, p[2], p[3], p[4], p[5], p[6], p[7]);
        cairo_stroke (cr);
        if (layout->conn_flags[i] & (MDK_NETWORK_CONN_BACKWARD | MDK_NETWORK_CONN_SELF))
          draw_arrow_head (cr, p, 3.0 + 1.5 * width);
      }
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A tiny plot of the node's activation function over [-2, 2]. */
static void
draw_glyph (cairo_t       *cr,
            MdkActivation  activation,
            double         cx,
            double         cy,
            double         r,
            const GdkRGBA *fg)
{
  double ys[CURVE_SEGMENTS + 1], lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, half = 0.55 * r;

  for (guint k = 0; k <= CURVE_SEGMENTS; k++)
    {
      double x = -2.0 + 4.0 * k / CURVE_SEGMENTS;
      ys[k] = mdk_activation_apply (activation, x);
      lo = MIN (lo, ys[k]);
      hi = MAX (hi, ys[k]);
    }
  for (guint k = 0; k <= CURVE_SEGMENTS; k++)
    {
      double t = hi - lo > 1e-9 ? (ys[k] - lo) / (hi - lo) : 0.5;
      double px = cx - half + 2 * half * k / CURVE_SEGMENTS;
      double py = cy + half * 0.8 - 1.6 * half * t;

      if (k == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  set_rgba (cr, fg, 0.9);
  cairo_set_line_width (cr, MAX (1.0, r / 9.0));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
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
draw_nodes (cairo_t                     *cr,
            const MdkNetworkGeometry    *geom,
            const MdkNeatGenome         *g,
            const MdkNetworkLayout      *layout,
            const char * const          *input_names,
            const char * const          *output_names,
            const MdkNetworkDrawOptions *options)
{
  const GdkRGBA *fg = &options->foreground;
  double r = geom->radius;
  g_autoptr(PangoLayout) pl = NULL;
  PangoFontDescription *font = NULL;

  if (geom->names)
    {
      pl = pango_cairo_create_layout (cr);
      font = font_for (options);
      pango_layout_set_font_description (pl, font);
      pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
    }

  for (guint v = 0; v < g->n_nodes; v++)
    {
      const MdkNeatNode *node = &g->nodes[v];
      gboolean highlighted = (int) v == options->highlight_node;
      double x, y, tint;

      node_point (geom, layout, v, &x, &y);
      /* Punch the connections out under the node, then tint by kind. */
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_fill_preserve (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      switch (node->type)
        {
        case MDK_NEAT_NODE_INPUT: tint = 0.14; break;
        case MDK_NEAT_NODE_BIAS: tint = 0.06; break;
        case MDK_NEAT_NODE_OUTPUT: tint = 0.26; break;
        default: tint = 0.0; break;
        }
      if (tint > 0.0)
        {
          set_rgba (cr, fg, tint);
          cairo_fill_preserve (cr);
        }
      set_rgba (cr, fg, highlighted ? 1.0 : 0.75);
      cairo_set_line_width (cr, (highlighted ? 2.5 : 1.2) * geom->line_scale);
      if (node->type == MDK_NEAT_NODE_BIAS)
        {
          double dash[2] = { 2.0, 2.0 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      if (options->selected_nodes != NULL && options->selected_nodes[v])
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, r + 2.0 + 1.5 * geom->line_scale, 0, 2 * G_PI);
          set_rgba (cr, &options->selection, 1.0);
          cairo_set_line_width (cr, 2.5 * geom->line_scale + 0.5);
          cairo_stroke (cr);
        }

      if (geom->glyphs && !is_input_type (node->type))
        draw_glyph (cr, node->activation, x, y, r, fg);

      if (pl != NULL && node->type != MDK_NEAT_NODE_HIDDEN &&
          layout->nodes[v].row % label_stride (geom, &layout->nodes[v]) == 0)
        {
          g_autofree char *label = node_label (g, v, input_names, output_names);
          gboolean right = node->type == MDK_NEAT_NODE_OUTPUT;
          double room = right ? geom->width - (x + r + 4) : x - r - 4;
          int w, h;

          pango_layout_set_text (pl, label, -1);
          pango_layout_set_width (pl, (int) MAX (room, 1.0) * PANGO_SCALE);
          pango_layout_get_pixel_size (pl, &w, &h);
          set_rgba (cr, fg, node->type == MDK_NEAT_NODE_BIAS ? 0.6 : 0.9);
          cairo_move_to (cr, right ? x + r + 4 : x - r - 4 - w,
                         CLAMP (y - h / 2.0, 0.0, MAX (geom->height - h, 0.0)));
          pango_cairo_show_layout (cr, pl);
        }
    }
  if (font != NULL)
    pango_font_description_free (font);
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
  draw_connections (cr, geom, g, layout, options);
  draw_nodes (cr, geom, g, layout, input_names, output_names, options);
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);
  cairo_restore (cr);
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
