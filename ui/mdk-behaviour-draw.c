/* Pure-Cairo drawings of a task's trace: a decision boundary, a truth table,
 * confusion matrices, prediction against target, an image.
 *
 * mdk_behaviour_plot_new () does all the work that depends only on the trace
 * (the heat map image, the 0.5 contour, every Pango layout, the axis
 * ranges); mdk_behaviour_plot_draw () only places those at the given size.
 * Each kind is a row of the `drawings` table at the end of the file. */
#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-behaviour-draw.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-behaviour-space.h"
#include "mdk-maze-draw.h"

/* Spacing in pixels: around the whole drawing, and between neighbours. */
#define PAD 10.0
#define GAP 6.0
#define TICK 4.0

/* ---------------------------------------------------------------------------
 * Texts: a layout made when the trace arrives, with its size
 */

typedef enum
{
  TEXT_NORMAL,
  TEXT_BOLD,
  TEXT_SMALL,
  TEXT_LARGE,
} TextStyle;

typedef struct
{
  PangoLayout *layout;
  double       width;
  double       height;
} Text;

static void
text_set (Text         *text,
          PangoContext *context,
          const char   *str,
          TextStyle     style)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoRectangle logical;

  switch (style)
    {
    case TEXT_BOLD:
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      break;
    case TEXT_SMALL:
      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      break;
    case TEXT_LARGE:
      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_LARGE));
      break;
    case TEXT_NORMAL:
    default:
      break;
    }

  text->layout = pango_layout_new (context);
  pango_layout_set_text (text->layout, str, -1);
  pango_layout_set_attributes (text->layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_extents (text->layout, NULL, &logical);
  text->width = logical.width;
  text->height = logical.height;
}

/* Like text_set, but cut with an ellipsis beyond @max_width pixels. */
static void
text_set_ellipsized (Text         *text,
                     PangoContext *context,
                     const char   *str,
                     TextStyle     style,
                     double        max_width)
{
  PangoRectangle logical;

  text_set (text, context, str, style);
  if (text->width <= max_width)
    return;
  pango_layout_set_width (text->layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (text->layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_extents (text->layout, NULL, &logical);
  text->width = logical.width;
  text->height = logical.height;
}

static void
text_clear (Text *text)
{
  g_clear_object (&text->layout);
}

/* Draws @text with its box's point (ax, ay) — fractions of its size, 0.5
 * for the centre — at (x, y), in the current source colour. */
static void
text_draw (cairo_t    *cr,
           const Text *text,
           double      x,
           double      y,
           double      ax,
           double      ay)
{
  if (text->layout == NULL)
    return;
  cairo_move_to (cr, round (x - ax * text->width), round (y - ay * text->height));
  pango_cairo_show_layout (cr, text->layout);
}

/* Draws @text centred on (cx, cy), shrunk to @max_width if it is wider;
 * not at all if that would make it unreadably small. */
static void
text_draw_fit (cairo_t    *cr,
               const Text *text,
               double      cx,
               double      cy,
               double      max_width)
{
  double s;

  if (text->layout == NULL || text->width <= 0)
    return;
  s = MIN (1.0, max_width / text->width);
  if (s < 0.45)
    return;
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, s, s);
  cairo_move_to (cr, -text->width / 2, -text->height / 2);
  pango_cairo_show_layout (cr, text->layout);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------------
 * Colours
 */

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0,
                         ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0,
                         alpha);
}

static void
set_fg (cairo_t       *cr,
        const GdkRGBA *fg,
        double         alpha)
{
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * alpha);
}

static guint32
mix_rgb (guint32 a,
         guint32 b,
         double  t)
{
  guint32 out = 0;

  for (int shift = 16; shift >= 0; shift -= 8)
    {
      double ca = (a >> shift) & 0xff;
      double cb = (b >> shift) & 0xff;
      guint32 c = (guint32) CLAMP (round (ca + (cb - ca) * t), 0, 255);

      out |= c << shift;
    }
  return out;
}

/* Paints @image scaled to the rectangle (x, y, w, h) with @filter; its
 * edges are padded, so that smooth scaling does not fade them out. */
static void
paint_image (cairo_t         *cr,
             cairo_surface_t *image,
             double           x,
             double           y,
             double           w,
             double           h,
             cairo_filter_t   filter)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, w / cairo_image_surface_get_width (image), h / cairo_image_surface_get_height (image));
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), filter);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * mdk_behaviour_heat_rgb:
 * @value: a network output, the probability of class 1
 *
 * The heat map's diverging palette: orange at 0, a light grey at 0.5, blue
 * at 1, linear in between.  Values outside [0, 1] are clamped and NaN is
 * 0.5.
 *
 * Returns: the colour as 0xRRGGBB.
 */
guint32
mdk_behaviour_heat_rgb (double value)
{
  if (isnan (value))
    value = 0.5;
  value = CLAMP (value, 0.0, 1.0);
  if (value < 0.5)
    return mix_rgb (MDK_BEHAVIOUR_HEAT0_RGB, MDK_BEHAVIOUR_HEAT_MID_RGB, value / 0.5);
  return mix_rgb (MDK_BEHAVIOUR_HEAT_MID_RGB, MDK_BEHAVIOUR_HEAT1_RGB, (value - 0.5) / 0.5);
}

/* ---------------------------------------------------------------------------
 * Square axes with ticks and a legend, shared by the decision grid and the
 * regression plot
 */

typedef struct
{
  double value;
  Text   text;
} Tick;

typedef enum
{
  MARKER_DOT,       /* a disc of `rgb` with an `outline` ring */
  MARKER_DASH,      /* a dashed line in the foreground colour */
  MARKER_LINE,      /* a solid line of `rgb` */
} MarkerKind;

typedef struct
{
  MarkerKind kind;
  guint32    rgb;
  guint32    outline;
  Text       text;
} LegendItem;

typedef struct
{
  double  x_lo, x_hi;        /* the data area, in task units */
  double  y_lo, y_hi;
  GArray *x_ticks;           /* Tick */
  GArray *y_ticks;
  Text    x_title;           /* layout NULL when there is none */
  Text    y_title;
  GArray *legend;            /* LegendItem */
  double  tick_width;        /* widest y tick label */
  double  tick_height;
  double  legend_width;
  double  legend_height;
} Axes;

typedef struct
{
  double x, y, side;         /* the square data area, in pixels */
} Frame;

static void
tick_clear (gpointer data)
{
  text_clear (&((Tick *) data)->text);
}

static void
legend_item_clear (gpointer data)
{
  text_clear (&((LegendItem *) data)->text);
}

static void
axes_init (Axes *axes)
{
  axes->x_ticks = g_array_new (FALSE, TRUE, sizeof (Tick));
  g_array_set_clear_func (axes->x_ticks, tick_clear);
  axes->y_ticks = g_array_new (FALSE, TRUE, sizeof (Tick));
  g_array_set_clear_func (axes->y_ticks, tick_clear);
  axes->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (axes->legend, legend_item_clear);
}

static void
axes_clear (Axes *axes)
{
  g_clear_pointer (&axes->x_ticks, g_array_unref);
  g_clear_pointer (&axes->y_ticks, g_array_unref);
  g_clear_pointer (&axes->legend, g_array_unref);
  text_clear (&axes->x_title);
  text_clear (&axes->y_title);
}

static void
axes_add_tick (Axes         *axes,
               PangoContext *context,
               gboolean      vertical,
               double        value)
{
  g_autofree char *label = NULL;
  Tick tick = { value, { 0 } };

  /* The locale's decimal separator: these are for people to read. */
  label = g_strdup_printf ("%g", value);
  text_set (&tick.text, context, label, TEXT_SMALL);
  g_array_append_val (vertical ? axes->y_ticks : axes->x_ticks, tick);
  if (vertical)
    axes->tick_width = MAX (axes->tick_width, tick.text.width);
  axes->tick_height = MAX (axes->tick_height, tick.text.height);
}

static void
axes_add_legend (Axes         *axes,
                 PangoContext *context,
                 MarkerKind    kind,
                 guint32       rgb,
                 guint32       outline,
                 const char   *label)
{
  LegendItem item = { kind, rgb, outline, { 0 } };
  double marker = kind == MARKER_DOT ? 10.0 : 18.0;

  text_set (&item.text, context, label, TEXT_SMALL);
  if (axes->legend->len > 0)
    axes->legend_width += 3 * GAP;
  axes->legend_width += marker + GAP + item.text.width;
  axes->legend_height = MAX (axes->legend_height, MAX (item.text.height, marker));
  g_array_append_val (axes->legend, item);
}

/* Task coordinates to pixels. */
static double
axes_map_x (const Axes  *axes,
            const Frame *frame,
            double       x)
{
  return frame->x + (x - axes->x_lo) / (axes->x_hi - axes->x_lo) * frame->side;
}

static double
axes_map_y (const Axes  *axes,
            const Frame *frame,
            double       y)
{
  return frame->y + (axes->y_hi - y) / (axes->y_hi - axes->y_lo) * frame->side;
}

/* Places the square data area: tick labels and the y title on the left,
 * tick labels, x title and legend below, all of it centred. */
static void
axes_frame (const Axes *axes,
            double      width,
            double      height,
            Frame      *frame)
{
  double left = PAD + axes->tick_width + TICK + GAP;
  double right = PAD;
  double top = PAD + axes->tick_height / 2;
  double bottom = PAD + TICK + GAP + axes->tick_height;
  double avail_w, avail_h;

  if (axes->y_title.layout != NULL)
    left += axes->y_title.height + GAP;
  if (axes->x_ticks->len > 0)
    right += g_array_index (axes->x_ticks, Tick, axes->x_ticks->len - 1).text.width / 2;
  if (axes->x_title.layout != NULL)
    bottom += GAP + axes->x_title.height;
  if (axes->legend->len > 0)
    bottom += 2 * GAP + axes->legend_height;

  avail_w = width - left - right;
  avail_h = height - top - bottom;
  frame->side = MAX (1.0, floor (MIN (avail_w, avail_h)));
  frame->x = round (left + (avail_w - frame->side) / 2);
  frame->y = round (top + (avail_h - frame->side) / 2);
}

static void
legend_draw (cairo_t       *cr,
             const Axes    *axes,
             double         cx,
             double         y,
             double         width,
             const GdkRGBA *fg)
{
  double x = cx - axes->legend_width / 2;
  double cy = y + axes->legend_height / 2;
  double s = 1.0;

  if (axes->legend->len == 0)
    return;

  cairo_save (cr);
  /* Too wide for the widget: shrink rather than cut. */
  if (axes->legend_width > width - 2 * PAD)
    {
      s = (width - 2 * PAD) / axes->legend_width;
      x = PAD;
    }
  cairo_translate (cr, x, cy);
  cairo_scale (cr, s, s);

  x = 0;
  for (guint i = 0; i < axes->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (axes->legend, LegendItem, i);

      if (item->kind != MARKER_DOT)
        {
          static const double dash[] = { 4.0, 3.0 };

          cairo_save (cr);
          if (item->kind == MARKER_DASH)
            {
              cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
              cairo_set_line_width (cr, 1.5);
              set_fg (cr, fg, 0.6);
            }
          else
            {
              cairo_set_line_width (cr, 2.5);
              set_rgb (cr, item->rgb, 1.0);
            }
          cairo_new_path (cr);
          cairo_move_to (cr, x, 0);
          cairo_line_to (cr, x + 18, 0);
          cairo_stroke (cr);
          cairo_restore (cr);
          x += 18 + GAP;
        }
      else
        {
          /* The text leaves a current point: start a fresh path. */
          cairo_new_path (cr);
          /* A white ring needs a rim to be seen on a light background. */
          if (item->outline == 0xFFFFFF)
            {
              cairo_arc (cr, x + 5, 0, 6.0, 0, 2 * G_PI);
              set_fg (cr, fg, 0.35);
              cairo_fill (cr);
            }
          cairo_arc (cr, x + 5, 0, 4.5, 0, 2 * G_PI);
          set_rgb (cr, item->rgb, 1.0);
          cairo_fill_preserve (cr);
          set_rgb (cr, item->outline, 1.0);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
          x += 10 + GAP;
        }
      set_fg (cr, fg, 0.85);
      text_draw (cr, &item->text, x, 0, 0.0, 0.5);
      x += item->text.width + 3 * GAP;
    }
  cairo_restore (cr);
}

/* The frame, ticks, tick labels, titles and legend (not the data). */
static void
axes_draw (cairo_t       *cr,
           const Axes    *axes,
           const Frame   *frame,
           double         width,
           const GdkRGBA *fg)
{
  double below = frame->y + frame->side + TICK + GAP;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  set_fg (cr, fg, 0.35);
  cairo_rectangle (cr, frame->x + 0.5, frame->y + 0.5, frame->side - 1, frame->side - 1);
  cairo_stroke (cr);

  for (guint i = 0; i < axes->x_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (axes->x_ticks, Tick, i);
      double px = round (axes_map_x (axes, frame, tick->value)) + 0.5;

      set_fg (cr, fg, 0.35);
      cairo_move_to (cr, px, frame->y + frame->side);
      cairo_line_to (cr, px, frame->y + frame->side + TICK);
      cairo_stroke (cr);
      set_fg (cr, fg, 0.75);
      text_draw (cr, &tick->text, px, below, 0.5, 0.0);
    }
  for (guint i = 0; i < axes->y_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (axes->y_ticks, Tick, i);
      double py = round (axes_map_y (axes, frame, tick->value)) - 0.5;

      set_fg (cr, fg, 0.35);
      cairo_move_to (cr, frame->x - TICK, py);
      cairo_line_to (cr, frame->x, py);
      cairo_stroke (cr);
      set_fg (cr, fg, 0.75);
      text_draw (cr, &tick->text, frame->x - TICK - GAP, py, 1.0, 0.5);
    }
  below += axes->tick_height;

  set_fg (cr, fg, 0.85);
  if (axes->x_title.layout != NULL)
    {
      text_draw (cr, &axes->x_title, frame->x + frame->side / 2, below + GAP, 0.5, 0.0);
      below += GAP + axes->x_title.height;
    }
  if (axes->y_title.layout != NULL)
    {
      double x = frame->x - TICK - GAP - axes->tick_width - GAP - axes->y_title.height;

      cairo_save (cr);
      cairo_translate (cr, x, frame->y + frame->side / 2);
      cairo_rotate (cr, -G_PI / 2);
      text_draw (cr, &axes->y_title, 0, 0, 0.5, 0.0);
      cairo_restore (cr);
    }
  cairo_restore (cr);

  legend_draw (cr, axes, frame->x + frame->side / 2, below + 2 * GAP, width, fg);
}

/* A tick step of 1, 2, 2.5 or 5 × 10ⁿ giving about @count intervals. */
static double
nice_step (double span,
           int    count)
{
  double raw = span / count;
  double mag = pow (10.0, floor (log10 (raw)));
  double f = raw / mag;

  if (f <= 1.0)
    return mag;
  if (f <= 2.0)
    return 2.0 * mag;
  if (f <= 2.5)
    return 2.5 * mag;
  if (f <= 5.0)
    return 5.0 * mag;
  return 10.0 * mag;
}

/* ---------------------------------------------------------------------------
 * The plot and its kind table
 */

typedef struct _Drawing Drawing;

struct _MdkBehaviourPlot
{
  const Drawing *drawing;
  MdkTrace      *trace;
  gpointer       data;
  guint          n_frames;    /* > 1 for an animation */
  guint          frame;       /* the one drawn */
  GArray        *behaviours;  /* double: a generation's descriptors, or NULL */
  guint          n_behaviour;
  GArray        *archive;     /* double: novelty search's archive, or NULL */
  guint          archive_dims;
};

struct _Drawing
{
  MdkTraceKind kind;
  gpointer   (*prepare)   (MdkTrace                *trace,
                           PangoContext            *context);
  void       (*free_data) (gpointer                 data);
  void       (*draw)      (const MdkBehaviourPlot  *plot,
                           cairo_t                 *cr,
                           double                   width,
                           double                   height,
                           const GdkRGBA           *fg);
  /* The data area, for kinds with task coordinates (or NULL). */
  const Axes *(*get_axes) (const MdkBehaviourPlot  *plot);
  gboolean     accepts_points;
};

/* ---------------------------------------------------------------------------
 * A message instead of a drawing
 */

typedef struct
{
  Text text;
} MessageData;

static gpointer
message_new (const char   *message,
             PangoContext *context)
{
  MessageData *data = g_new0 (MessageData, 1);

  text_set (&data->text, context, message, TEXT_LARGE);
  pango_layout_set_alignment (data->text.layout, PANGO_ALIGN_CENTER);
  return data;
}

static void
message_free (gpointer data)
{
  MessageData *m = data;

  text_clear (&m->text);
  g_free (m);
}

static void
message_draw (const MdkBehaviourPlot *plot,
              cairo_t                *cr,
              double                  width,
              double                  height,
              const GdkRGBA          *fg)
{
  const MessageData *m = plot->data;

  set_fg (cr, fg, 0.55);
  text_draw_fit (cr, &m->text, width / 2, height / 2, width - 2 * PAD);
}

static const Drawing message_drawing = {
  .free_data = message_free,
  .draw = message_draw,
};

/* ---------------------------------------------------------------------------
 * Decision grid: heat map, 0.5 contour, points
 */

typedef struct
{
  Axes             axes;
  cairo_surface_t *heat;
  GArray          *contour;     /* double: x1, y1, x2, y2 per segment, task coordinates */
} GridData;

/* One segment of the 0.5 contour through the cell whose corners are the
 * grid nodes (i, j) … (i + 1, j + 1): marching squares (Lorensen & Cline
 * 1987, in two dimensions), saddles resolved by the cell's mean. */
static void
contour_cell (GArray       *out,
              const double  v[4],     /* bottom-left, bottom-right, top-right, top-left */
              const double  px[4],
              const double  py[4],
              double        level)
{
  /* Edge e runs from corner e to corner (e + 1) % 4: bottom, right, top, left. */
  static const signed char segments[16][4] = {
    { -1, -1, -1, -1 }, { 3, 0, -1, -1 }, { 0, 1, -1, -1 }, { 3, 1, -1, -1 },
    { 1, 2, -1, -1 },   { 3, 0, 1, 2 },   { 0, 2, -1, -1 }, { 3, 2, -1, -1 },
    { 2, 3, -1, -1 },   { 0, 2, -1, -1 }, { 0, 1, 2, 3 },   { 1, 2, -1, -1 },
    { 3, 1, -1, -1 },   { 0, 1, -1, -1 }, { 3, 0, -1, -1 }, { -1, -1, -1, -1 },
  };
  guint index = 0;
  const signed char *seg;
  double mean;

  for (guint k = 0; k < 4; k++)
    if (v[k] >= level)
      index |= 1u << k;
  seg = segments[index];

  /* Saddles: when the middle is on the other side from the two lone
   * corners, cut off the other pair instead. */
  mean = (v[0] + v[1] + v[2] + v[3]) / 4;
  if (index == 5 && mean >= level)
    {
      static const signed char alt[4] = { 0, 1, 2, 3 };
      seg = alt;
    }
  else if (index == 10 && mean >= level)
    {
      static const signed char alt[4] = { 3, 0, 1, 2 };
      seg = alt;
    }

  for (guint s = 0; s < 4 && seg[s] >= 0; s++)
    {
      guint e = (guint) seg[s];
      guint a = e, b = (e + 1) % 4;
      double t = (level - v[a]) / (v[b] - v[a]);
      double p[2];

      p[0] = px[a] + t * (px[b] - px[a]);
      p[1] = py[a] + t * (py[b] - py[a]);
      g_array_append_vals (out, p, 2);
    }
}

static double
grid_value (const MdkTrace *trace,
            guint           i,
            guint           j)
{
  double v = trace->values[(gsize) j * trace->width + i];

  return isfinite (v) ? v : 0.5;
}

static gpointer
grid_prepare (MdkTrace     *trace,
              PangoContext *context)
{
  GridData *data = g_new0 (GridData, 1);
  guint w = trace->width, h = trace->height;
  const char *names[2];
  gboolean has_train = FALSE, has_test = FALSE;
  guint8 *pixels;
  int stride;

  axes_init (&data->axes);
  data->axes.x_lo = trace->x0;
  data->axes.x_hi = trace->x1;
  data->axes.y_lo = trace->y0;
  data->axes.y_hi = trace->y1;
  data->contour = g_array_new (FALSE, FALSE, sizeof (double));

  /* The heat map at the grid's own resolution, row 0 at the top as on
   * screen (the trace's row 0 is at y0, the bottom); drawing scales it up
   * with bilinear filtering. */
  data->heat = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
  stride = cairo_image_surface_get_stride (data->heat);
  cairo_surface_flush (data->heat);
  pixels = cairo_image_surface_get_data (data->heat);
  for (guint j = 0; j < h; j++)
    {
      guint32 *row = (guint32 *) (pixels + (gsize) (h - 1 - j) * stride);

      for (guint i = 0; i < w; i++)
        row[i] = 0xff000000u | mdk_behaviour_heat_rgb (grid_value (trace, i, j));
    }
  cairo_surface_mark_dirty (data->heat);

  /* The contour through the cell centres, where the values are. */
  for (guint j = 0; j + 1 < h; j++)
    for (guint i = 0; i + 1 < w; i++)
      {
        double v[4] = {
          grid_value (trace, i, j), grid_value (trace, i + 1, j),
          grid_value (trace, i + 1, j + 1), grid_value (trace, i, j + 1),
        };
        double xa = trace->x0 + (trace->x1 - trace->x0) * (i + 0.5) / w;
        double xb = trace->x0 + (trace->x1 - trace->x0) * (i + 1.5) / w;
        double ya = trace->y0 + (trace->y1 - trace->y0) * (j + 0.5) / h;
        double yb = trace->y0 + (trace->y1 - trace->y0) * (j + 1.5) / h;
        double px[4] = { xa, xb, xb, xa };
        double py[4] = { ya, ya, yb, yb };

        contour_cell (data->contour, v, px, py, 0.5);
      }

  /* Five ticks: the ends, the middle and the quarters (±6, ±3, 0 for the
   * classification task). */
  for (guint k = 0; k <= 4; k++)
    {
      double x = trace->x0 + (trace->x1 - trace->x0) * k / 4;
      double y = trace->y0 + (trace->y1 - trace->y0) * k / 4;

      axes_add_tick (&data->axes, context, FALSE, fabs (x) < 1e-12 ? 0.0 : x);
      axes_add_tick (&data->axes, context, TRUE, fabs (y) < 1e-12 ? 0.0 : y);
    }

  for (guint p = 0; p < trace->n_points; p++)
    {
      if (trace->points[4 * p + 3] != 0.0)
        has_test = TRUE;
      else
        has_train = TRUE;
    }

  if (trace->labels != NULL && g_strv_length (trace->labels) >= 2)
    {
      names[0] = trace->labels[0];
      names[1] = trace->labels[1];
    }
  else
    {
      names[0] = _("Class 0");
      names[1] = _("Class 1");
    }
  axes_add_legend (&data->axes, context, MARKER_DOT, MDK_BEHAVIOUR_CLASS0_RGB,
                   MDK_BEHAVIOUR_CLASS0_RGB, names[0]);
  axes_add_legend (&data->axes, context, MARKER_DOT, MDK_BEHAVIOUR_CLASS1_RGB,
                   MDK_BEHAVIOUR_CLASS1_RGB, names[1]);
  /* The outlines tell the sets apart; shown on a neutral grey disc. */
  if (has_train && has_test)
    {
      axes_add_legend (&data->axes, context, MARKER_DOT, 0x9A9996, 0xFFFFFF,
                       C_("data points", "Training"));
      axes_add_legend (&data->axes, context, MARKER_DOT, 0x9A9996, 0x241F31,
                       C_("data points", "Test"));
    }
  return data;
}

static void
grid_free (gpointer p)
{
  GridData *data = p;

  axes_clear (&data->axes);
  g_clear_pointer (&data->heat, cairo_surface_destroy);
  g_clear_pointer (&data->contour, g_array_unref);
  g_free (data);
}

static void
grid_draw (const MdkBehaviourPlot *plot,
           cairo_t                *cr,
           double                  width,
           double                  height,
           const GdkRGBA          *fg)
{
  const GridData *data = plot->data;
  const Axes *axes = &data->axes;
  const MdkTrace *trace = plot->trace;
  double r;
  Frame f;

  axes_frame (axes, width, height, &f);

  /* The heat map, smoothly scaled up. */
  paint_image (cr, data->heat, f.x, f.y, f.side, f.side, CAIRO_FILTER_BILINEAR);

  /* The decision boundary. */
  if (data->contour->len > 0)
    {
      const double *c = (const double *) data->contour->data;

      cairo_save (cr);
      cairo_rectangle (cr, f.x, f.y, f.side, f.side);
      cairo_clip (cr);
      for (guint s = 0; s + 4 <= data->contour->len; s += 4)
        {
          cairo_move_to (cr, axes_map_x (axes, &f, c[s]), axes_map_y (axes, &f, c[s + 1]));
          cairo_line_to (cr, axes_map_x (axes, &f, c[s + 2]), axes_map_y (axes, &f, c[s + 3]));
        }
      cairo_set_line_width (cr, 1.5);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, 0.55);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* The points: filled with their class, ringed white (training) or dark
   * (test).  Test points go last so that they stay visible. */
  r = CLAMP (f.side / 90, 2.5, 5.5);
  cairo_save (cr);
  cairo_rectangle (cr, f.x - r - 1, f.y - r - 1, f.side + 2 * r + 2, f.side + 2 * r + 2);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (1.0, r * 0.3));
  for (guint pass = 0; pass < 2; pass++)
    for (guint p = 0; p < trace->n_points; p++)
      {
        const double *pt = trace->points + 4 * (gsize) p;
        gboolean is_test = pt[3] != 0.0;

        if (is_test != (pass == 1) || !isfinite (pt[0]) || !isfinite (pt[1]))
          continue;
        cairo_new_sub_path (cr);
        cairo_arc (cr, axes_map_x (axes, &f, pt[0]), axes_map_y (axes, &f, pt[1]),
                   r, 0, 2 * G_PI);
        set_rgb (cr, pt[2] != 0.0 ? MDK_BEHAVIOUR_CLASS1_RGB : MDK_BEHAVIOUR_CLASS0_RGB, 1.0);
        cairo_fill_preserve (cr);
        if (is_test)
          set_rgb (cr, 0x241F31, 1.0);
        else
          cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_stroke (cr);
      }
  cairo_restore (cr);

  axes_draw (cr, axes, &f, width, fg);
}

static const Axes *
grid_get_axes (const MdkBehaviourPlot *plot)
{
  return &((const GridData *) plot->data)->axes;
}

/* ---------------------------------------------------------------------------
 * Truth table
 */

typedef struct _TruthGrid TruthGrid;

typedef struct
{
  TruthGrid *grid;         /* instead of the rows, for a long table */
  guint     n_columns;     /* inputs, outputs, targets */
  Text     *headers;       /* n_columns */
  Text     *cells;         /* n_cells = n_rows × n_columns */
  gsize     n_cells;
  double   *widths;        /* per column, with padding */
  gboolean *right;         /* per row */
  Text      summary;
  double    row_height;
} TableData;

#define CELL_PAD_X 14.0
#define CELL_PAD_Y 5.0
#define ROW_BAR 4.0

/* Large binary truth tables (the 11-multiplexer has 2,048 rows) do not fit
 * as a table: each row becomes a cell of a grid, like a Karnaugh map, whose
 * row is picked by the first half of the inputs and column by the rest.
 * Green is right, red wrong, paler the closer the output is to 0.5. */

struct _TruthGrid
{
  guint            row_bits;
  guint            col_bits;
  cairo_surface_t *cells;        /* 2^col_bits × 2^row_bits pixels */
  Text             row_title;    /* the row inputs' names */
  Text             col_title;
  Text            *row_labels;   /* bit patterns */
  Text            *col_labels;
  double           row_label_width;
  double           col_label_width;
};

/* Tables longer than this become grids. */
#define TRUTH_GRID_MIN_ROWS 17

/* Whether @trace is the complete table of binary inputs with one output. */
static gboolean
truth_grid_applies (const MdkTrace *trace)
{
  guint n_in = trace->n_cols, stride = n_in + 2 * trace->n_outputs;

  if (trace->n_rows < TRUTH_GRID_MIN_ROWS || trace->n_outputs != 1 || n_in < 2 || n_in > 20 ||
      trace->n_rows != 1u << n_in)
    return FALSE;
  for (guint r = 0; r < trace->n_rows; r++)
    for (guint i = 0; i < n_in; i++)
      {
        double v = trace->values[(gsize) r * stride + i];

        if (v != 0.0 && v != 1.0)
          return FALSE;
      }
  return TRUE;
}

static char *
bits_label (guint value,
            guint n_bits)
{
  char *s = g_new (char, n_bits + 1);

  for (guint b = 0; b < n_bits; b++)
    s[b] = (value >> (n_bits - 1 - b)) & 1 ? '1' : '0';
  s[n_bits] = '\0';
  return s;
}

static char *
joined_names (const MdkTrace *trace,
              guint           first,
              guint           n)
{
  GString *s = g_string_new (NULL);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *fallback = NULL;
      const char *name = trace->labels != NULL && g_strv_length (trace->labels) > i ? trace->labels[i] : NULL;

      if (name == NULL)
        name = fallback = g_strdup_printf (_("Input %u"), i + 1);
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, name);
    }
  return g_string_free (s, FALSE);
}

static TruthGrid *
truth_grid_new (const MdkTrace *trace,
                PangoContext   *context,
                guint          *n_right)
{
  TruthGrid *grid = g_new0 (TruthGrid, 1);
  guint n_in = trace->n_cols, stride = n_in + 2;
  guint n_r, n_c;
  guint8 *pixels;
  int pix_stride;
  g_autofree char *row_title = NULL, *col_title = NULL;

  grid->row_bits = n_in / 2;
  grid->col_bits = n_in - grid->row_bits;
  n_r = 1u << grid->row_bits;
  n_c = 1u << grid->col_bits;

  grid->cells = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) n_c, (int) n_r);
  pix_stride = cairo_image_surface_get_stride (grid->cells);
  cairo_surface_flush (grid->cells);
  pixels = cairo_image_surface_get_data (grid->cells);
  *n_right = 0;
  for (guint k = 0; k < trace->n_rows; k++)
    {
      const double *row = trace->values + (gsize) k * stride;
      double out = row[n_in], target = row[n_in + 1];
      guint r = 0, c = 0;
      guint32 rgb;

      for (guint i = 0; i < grid->row_bits; i++)
        r = (r << 1) | (row[i] != 0.0);
      for (guint i = grid->row_bits; i < n_in; i++)
        c = (c << 1) | (row[i] != 0.0);
      if (isnan (out))
        rgb = MDK_BEHAVIOUR_HEAT_MID_RGB;
      else
        {
          gboolean right = (out >= 0.5) == (target >= 0.5);
          double sure = MIN (1.0, 2.0 * fabs (out - 0.5));

          rgb = mix_rgb (MDK_BEHAVIOUR_HEAT_MID_RGB,
                         right ? MDK_BEHAVIOUR_RIGHT_RGB : MDK_BEHAVIOUR_WRONG_RGB,
                         0.35 + 0.65 * sure);
          *n_right += right;
        }
      ((guint32 *) (pixels + (gsize) r * pix_stride))[c] = 0xff000000u | rgb;
    }
  cairo_surface_mark_dirty (grid->cells);

  row_title = joined_names (trace, 0, grid->row_bits);
  col_title = joined_names (trace, grid->row_bits, grid->col_bits);
  text_set (&grid->row_title, context, row_title, TEXT_BOLD);
  text_set (&grid->col_title, context, col_title, TEXT_BOLD);
  grid->row_labels = g_new0 (Text, n_r);
  grid->col_labels = g_new0 (Text, n_c);
  for (guint r = 0; r < n_r; r++)
    {
      g_autofree char *label = bits_label (r, grid->row_bits);

      text_set (&grid->row_labels[r], context, label, TEXT_SMALL);
      grid->row_label_width = MAX (grid->row_label_width, grid->row_labels[r].width);
    }
  for (guint c = 0; c < n_c; c++)
    {
      g_autofree char *label = bits_label (c, grid->col_bits);

      text_set (&grid->col_labels[c], context, label, TEXT_SMALL);
      grid->col_label_width = MAX (grid->col_label_width, grid->col_labels[c].width);
    }
  return grid;
}

static void
truth_grid_free (TruthGrid *grid)
{
  text_clear (&grid->row_title);
  text_clear (&grid->col_title);
  for (guint r = 0; r < 1u << grid->row_bits; r++)
    text_clear (&grid->row_labels[r]);
  for (guint c = 0; c < 1u << grid->col_bits; c++)
    text_clear (&grid->col_labels[c]);
  g_free (grid->row_labels);
  g_free (grid->col_labels);
  g_clear_pointer (&grid->cells, cairo_surface_destroy);
  g_free (grid);
}

/* Square cells as large as fit; bit patterns beside the rows and above the
 * columns when the cells are tall enough for a line of text. */
static void
truth_grid_draw (const TruthGrid *grid,
                 const Text      *summary,
                 cairo_t         *cr,
                 double           width,
                 double           height,
                 const GdkRGBA   *fg)
{
  guint n_r = 1u << grid->row_bits, n_c = 1u << grid->col_bits;
  double line = grid->row_labels[0].height;
  double left = PAD + grid->row_title.height + GAP + grid->row_label_width + GAP;
  double top = PAD + grid->col_title.height + GAP + grid->col_label_width + GAP;
  double bottom = PAD + summary->height + 2 * GAP;
  double cell = MIN ((width - left - PAD) / n_c, (height - top - bottom) / n_r);
  gboolean labels;
  double gw, gh, x, y;

  /* Without room for the labels, give it to the cells. */
  labels = cell >= line;
  if (!labels)
    {
      left = PAD + grid->row_title.height + GAP;
      top = PAD + grid->col_title.height + GAP;
      cell = MIN ((width - left - PAD) / n_c, (height - top - bottom) / n_r);
    }
  if (cell <= 0)
    return;
  gw = cell * n_c;
  gh = cell * n_r;
  x = round (left + (width - left - PAD - gw) / 2);
  y = round (top + (height - top - bottom - gh) / 2);

  paint_image (cr, grid->cells, x, y, gw, gh, CAIRO_FILTER_NEAREST);

  /* Cell borders while they are large enough to see between. */
  cairo_set_line_width (cr, 1.0);
  if (cell >= 6)
    {
      set_fg (cr, fg, 0.15);
      for (guint r = 0; r <= n_r; r++)
        {
          cairo_move_to (cr, x, round (y + r * cell) + 0.5);
          cairo_line_to (cr, x + gw, round (y + r * cell) + 0.5);
        }
      for (guint c = 0; c <= n_c; c++)
        {
          cairo_move_to (cr, round (x + c * cell) + 0.5, y);
          cairo_line_to (cr, round (x + c * cell) + 0.5, y + gh);
        }
      cairo_stroke (cr);
    }

  set_fg (cr, fg, 0.75);
  if (labels)
    {
      for (guint r = 0; r < n_r; r++)
        text_draw (cr, &grid->row_labels[r], x - GAP, y + (r + 0.5) * cell, 1.0, 0.5);
      for (guint c = 0; c < n_c; c++)
        {
          cairo_save (cr);
          cairo_translate (cr, x + (c + 0.5) * cell, y - GAP);
          cairo_rotate (cr, -G_PI / 2);
          text_draw (cr, &grid->col_labels[c], 0, 0, 0.0, 0.5);
          cairo_restore (cr);
        }
    }
  set_fg (cr, fg, 0.9);
  text_draw (cr, &grid->col_title, x + gw / 2,
             y - GAP - (labels ? grid->col_label_width + GAP : 0), 0.5, 1.0);
  cairo_save (cr);
  cairo_translate (cr, x - GAP - (labels ? grid->row_label_width + GAP : 0), y + gh / 2);
  cairo_rotate (cr, -G_PI / 2);
  text_draw (cr, &grid->row_title, 0, 0, 0.5, 1.0);
  cairo_restore (cr);

  set_fg (cr, fg, 0.7);
  text_draw (cr, summary, x + gw / 2, y + gh + 2 * GAP, 0.5, 0.0);
}

static char *
format_io (double value)
{
  if (isnan (value))
    return g_strdup ("–");
  return g_strdup_printf ("%g", value);
}

static gpointer
table_prepare (MdkTrace     *trace,
               PangoContext *context)
{
  TableData *data = g_new0 (TableData, 1);
  guint n_in = trace->n_cols, n_out = trace->n_outputs;
  guint stride = n_in + 2 * n_out;
  guint n_right = 0;
  g_autofree char *summary = NULL;
  gboolean named = trace->labels != NULL && g_strv_length (trace->labels) >= n_in + n_out;

  if (truth_grid_applies (trace))
    {
      data->grid = truth_grid_new (trace, context, &n_right);
      goto summary;
    }

  data->n_columns = stride;
  data->headers = g_new0 (Text, stride);
  data->n_cells = (gsize) trace->n_rows * stride;
  data->cells = g_new0 (Text, data->n_cells);
  data->widths = g_new0 (double, stride);
  data->right = g_new0 (gboolean, trace->n_rows);

  /* Headers: the trace's names if it has them (inputs then outputs). */
  for (guint c = 0; c < stride; c++)
    {
      g_autofree char *label = NULL;

      if (c < n_in)
        label = named ? g_strdup (trace->labels[c]) : g_strdup_printf (_("Input %u"), c + 1);
      else if (c < n_in + n_out)
        {
          guint k = c - n_in;

          if (named)
            label = g_strdup (trace->labels[n_in + k]);
          else if (n_out == 1)
            label = g_strdup (_("Output"));
          else
            label = g_strdup_printf (_("Output %u"), k + 1);
        }
      else
        {
          guint k = c - n_in - n_out;

          if (n_out == 1)
            label = g_strdup (_("Target"));
          else
            label = g_strdup_printf (_("Target %u"), k + 1);
        }
      text_set (&data->headers[c], context, label, TEXT_BOLD);
      data->widths[c] = data->headers[c].width;
      data->row_height = MAX (data->row_height, data->headers[c].height);
    }

  for (guint r = 0; r < trace->n_rows; r++)
    {
      const double *row = trace->values + (gsize) r * stride;
      gboolean right = TRUE;

      for (guint c = 0; c < stride; c++)
        {
          Text *cell = &data->cells[(gsize) r * stride + c];
          g_autofree char *label = NULL;

          if (c >= n_in && c < n_in + n_out)
            label = isnan (row[c]) ? g_strdup ("–") : g_strdup_printf ("%.3f", row[c]);
          else
            label = format_io (row[c]);
          text_set (cell, context, label, TEXT_NORMAL);
          data->widths[c] = MAX (data->widths[c], cell->width);
          data->row_height = MAX (data->row_height, cell->height);
        }

      /* Right when every output is on the same side of 0.5 as its target;
       * NaN is never right. */
      for (guint k = 0; k < n_out; k++)
        {
          double out = row[n_in + k], target = row[n_in + n_out + k];

          if (isnan (out) || (out >= 0.5) != (target >= 0.5))
            right = FALSE;
        }
      data->right[r] = right;
      n_right += right;
    }

  for (guint c = 0; c < stride; c++)
    data->widths[c] += 2 * CELL_PAD_X;
  data->row_height += 2 * CELL_PAD_Y;

summary:
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* TRANSLATORS: under a truth table: how many
                                           * rows the network gets right, e.g. "3 of 4
                                           * rows right" */
                                          "%u of %u row right",
                                          "%u of %u rows right",
                                          trace->n_rows),
                             n_right, trace->n_rows);
  text_set (&data->summary, context, summary, TEXT_SMALL);
  return data;
}

static void
table_free (gpointer p)
{
  TableData *data = p;

  g_clear_pointer (&data->grid, truth_grid_free);
  for (guint c = 0; c < data->n_columns; c++)
    text_clear (&data->headers[c]);
  for (gsize i = 0; i < data->n_cells; i++)
    text_clear (&data->cells[i]);
  g_free (data->headers);
  g_free (data->cells);
  g_free (data->widths);
  g_free (data->right);
  text_clear (&data->summary);
  g_free (data);
}

static void
table_draw (const MdkBehaviourPlot *plot,
            cairo_t                *cr,
            double                  width,
            double                  height,
            const GdkRGBA          *fg)
{
  const TableData *data = plot->data;
  const MdkTrace *trace = plot->trace;
  guint n_in = trace->n_cols, n_out = trace->n_outputs;
  double rh = data->row_height;
  double tw = ROW_BAR, th, s, x;

  if (data->grid != NULL)
    {
      truth_grid_draw (data->grid, &data->summary, cr, width, height, fg);
      return;
    }
  for (guint c = 0; c < data->n_columns; c++)
    tw += data->widths[c];
  th = rh * (trace->n_rows + 1) + 2 * GAP + data->summary.height;

  /* Centred, and shrunk if the widget is too small for it. */
  s = MIN (1.0, MIN ((width - 2 * PAD) / tw, (height - 2 * PAD) / th));
  s = MAX (s, 0.1);
  cairo_save (cr);
  cairo_translate (cr, round ((width - tw * s) / 2), round ((height - th * s) / 2));
  cairo_scale (cr, s, s);

  /* Header. */
  set_fg (cr, fg, 0.9);
  x = ROW_BAR;
  for (guint c = 0; c < data->n_columns; c++)
    {
      text_draw (cr, &data->headers[c], x + data->widths[c] / 2, rh / 2, 0.5, 0.5);
      x += data->widths[c];
    }

  /* Rows: tinted green or red, with a solid bar on the left. */
  for (guint r = 0; r < trace->n_rows; r++)
    {
      double y = rh * (r + 1);
      guint32 rgb = data->right[r] ? MDK_BEHAVIOUR_RIGHT_RGB : MDK_BEHAVIOUR_WRONG_RGB;

      set_rgb (cr, rgb, 0.16);
      cairo_rectangle (cr, 0, y, tw, rh);
      cairo_fill (cr);
      set_rgb (cr, rgb, 1.0);
      cairo_rectangle (cr, 0, y, ROW_BAR, rh);
      cairo_fill (cr);

      set_fg (cr, fg, 0.9);
      x = ROW_BAR;
      for (guint c = 0; c < data->n_columns; c++)
        {
          text_draw (cr, &data->cells[(gsize) r * data->n_columns + c],
                     x + data->widths[c] / 2, y + rh / 2, 0.5, 0.5);
          x += data->widths[c];
        }
    }

  /* Rules: under the header, between rows, and between the inputs, the
   * outputs and the targets. */
  cairo_set_line_width (cr, 1.0);
  set_fg (cr, fg, 0.45);
  cairo_move_to (cr, 0, rh - 0.5);
  cairo_line_to (cr, tw, rh - 0.5);
  cairo_stroke (cr);
  set_fg (cr, fg, 0.12);
  for (guint r = 1; r < trace->n_rows; r++)
    {
      cairo_move_to (cr, ROW_BAR, rh * (r + 1) + 0.5);
      cairo_line_to (cr, tw, rh * (r + 1) + 0.5);
    }
  x = ROW_BAR;
  for (guint c = 0; c + 1 < data->n_columns; c++)
    {
      x += data->widths[c];
      if (c + 1 == n_in || c + 1 == n_in + n_out)
        {
          cairo_move_to (cr, round (x) + 0.5, 0);
          cairo_line_to (cr, round (x) + 0.5, rh * (trace->n_rows + 1));
        }
    }
  cairo_stroke (cr);

  set_fg (cr, fg, 0.7);
  text_draw (cr, &data->summary, tw / 2, rh * (trace->n_rows + 1) + 2 * GAP, 0.5, 0.0);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------------
 * Confusion matrices
 */

typedef struct
{
  const double *counts;
  double       *row_totals;    /* n_classes */
  Text          title;
  Text         *cells;         /* n_classes² */
  Text          accuracy;
} Matrix;

typedef struct
{
  guint   n_classes;
  guint   n_matrices;
  Matrix  matrices[2];
  Text   *names;               /* n_classes, for rows and columns */
  double  names_width;
  double  names_height;
  Text    predicted;
  Text    actual;
} ConfusionData;

/* Class names longer than this many pixels are ellipsized. */
#define NAME_MAX_WIDTH 110.0
/* Cells stay between these sizes, in pixels. */
#define CELL_MIN 1.0
/* Counts are written in the cells up to this many classes. */
#define MAX_WRITTEN_CLASSES 24
#define CELL_MAX 96.0

static void
matrix_prepare (Matrix       *m,
                guint         n,
                const double *counts,
                const char   *title,
                PangoContext *context)
{
  double total = 0.0, right = 0.0;

  m->counts = counts;
  m->row_totals = g_new0 (double, n);
  m->cells = g_new0 (Text, (gsize) n * n);
  text_set (&m->title, context, title, TEXT_BOLD);

  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        double v = counts[(gsize) r * n + c];

        /* With many classes the cells are too small for numbers anyway:
         * spare the layouts, made again every generation. */
        if (n <= MAX_WRITTEN_CLASSES)
          {
            g_autofree char *label = g_strdup_printf ("%'.0f", v);

            text_set (&m->cells[(gsize) r * n + c], context, label, TEXT_NORMAL);
          }
        m->row_totals[r] += v;
        total += v;
        if (r == c)
          right += v;
      }

  if (total > 0)
    {
      g_autofree char *label = NULL;

      /* TRANSLATORS: under a confusion matrix, e.g. "Accuracy 87.5 %" */
      label = g_strdup_printf (_("Accuracy %.1f %%"), 100.0 * right / total);
      text_set (&m->accuracy, context, label, TEXT_SMALL);
    }
  else
    text_set (&m->accuracy, context, _("No rows"), TEXT_SMALL);
}

static gpointer
confusion_prepare (MdkTrace     *trace,
                   PangoContext *context)
{
  ConfusionData *data = g_new0 (ConfusionData, 1);
  guint n = trace->n_classes;

  data->n_classes = n;
  data->names = g_new0 (Text, n);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *fallback = NULL;
      const char *name = NULL;

      if (trace->labels != NULL && k < g_strv_length (trace->labels))
        name = trace->labels[k];
      if (name == NULL)
        name = fallback = g_strdup_printf ("%u", k);
      text_set_ellipsized (&data->names[k], context, name, TEXT_SMALL, NAME_MAX_WIDTH);
      data->names_width = MAX (data->names_width, data->names[k].width);
      data->names_height = MAX (data->names_height, data->names[k].height);
    }

  matrix_prepare (&data->matrices[0], n, trace->values,
                  C_("data rows", "Training"), context);
  data->n_matrices = 1;
  if (trace->values2 != NULL)
    {
      matrix_prepare (&data->matrices[1], n, trace->values2,
                      C_("data rows", "Test"), context);
      data->n_matrices = 2;
    }

  text_set (&data->predicted, context, _("Predicted class"), TEXT_SMALL);
  text_set (&data->actual, context, _("True class"), TEXT_SMALL);
  return data;
}

static void
confusion_free (gpointer p)
{
  ConfusionData *data = p;
  guint n = data->n_classes;

  for (guint i = 0; i < data->n_matrices; i++)
    {
      Matrix *m = &data->matrices[i];

      for (gsize c = 0; c < (gsize) n * n; c++)
        text_clear (&m->cells[c]);
      g_free (m->cells);
      g_free (m->row_totals);
      text_clear (&m->title);
      text_clear (&m->accuracy);
    }
  for (guint k = 0; k < n; k++)
    text_clear (&data->names[k]);
  g_free (data->names);
  text_clear (&data->predicted);
  text_clear (&data->actual);
  g_free (data);
}

/* Where the matrices go at a given size: one column of row names for all
 * of them, then the matrices side by side; column names turned upright when
 * they are wider than a cell. */
typedef struct
{
  double   x, y;          /* top left of the whole drawing */
  double   cell;
  double   rows_w;        /* "True class" and the row names */
  double   header_h;      /* the column names */
  double   top_h;         /* title, "Predicted class", column names */
  double   between;
  gboolean upright;
  gboolean names;         /* FALSE when the cells are too small for them */
} ConfusionLayout;

static void
confusion_layout (const ConfusionData *data,
                  double               width,
                  double               height,
                  ConfusionLayout     *l)
{
  guint n = MAX (data->n_classes, 1);
  guint nm = data->n_matrices;
  double bottom_h = GAP + data->matrices[0].accuracy.height;
  double total_w;

  /* Class names across the columns if they fit, else upright, else (many
   * classes in a small widget) none at all. */
  l->between = 4 * GAP;
  for (guint pass = 0; pass < 3; pass++)
    {
      double avail_w;

      l->names = pass < 2;
      l->upright = pass == 1;
      l->rows_w = data->actual.height + GAP + (l->names ? data->names_width + GAP : 0);
      if (!l->names)
        l->header_h = 0;
      else
        l->header_h = l->upright ? data->names_width : data->names_height;
      l->top_h = data->matrices[0].title.height + GAP + data->predicted.height + GAP / 2 +
                 l->header_h + GAP / 2;
      avail_w = width - 2 * PAD - l->rows_w - (nm - 1) * l->between;
      l->cell = MIN (avail_w / (nm * n), (height - 2 * PAD - l->top_h - bottom_h) / n);
      l->cell = CLAMP (l->cell, CELL_MIN, CELL_MAX);
      if (l->cell >= 8)
        l->cell = floor (l->cell);
      if ((pass == 0 && data->names_width <= l->cell - 4) ||
          (pass == 1 && data->names_height <= l->cell + 2))
        break;
    }

  total_w = l->rows_w + nm * n * l->cell + (nm - 1) * l->between;
  l->x = round ((width - total_w) / 2);
  l->y = round ((height - l->top_h - n * l->cell - bottom_h) / 2);
}

static void
matrix_draw (const ConfusionData   *data,
             const Matrix          *m,
             const ConfusionLayout *l,
             gboolean               row_names,
             cairo_t               *cr,
             double                 cells_x,
             const GdkRGBA         *fg)
{
  guint n = data->n_classes;
  double cell = l->cell;
  double cells_w = n * cell;
  double y = l->y;

  set_fg (cr, fg, 0.9);
  text_draw (cr, &m->title, cells_x + cells_w / 2, y, 0.5, 0.0);
  y += m->title.height + GAP;
  set_fg (cr, fg, 0.7);
  text_draw (cr, &data->predicted, cells_x + cells_w / 2, y, 0.5, 0.0);
  y += data->predicted.height + GAP / 2;
  for (guint c = 0; c < n && l->names; c++)
    {
      double cx = cells_x + (c + 0.5) * cell;

      if (l->upright)
        {
          /* Read upwards, from just above the cells. */
          cairo_save (cr);
          cairo_translate (cr, cx, y + l->header_h);
          cairo_rotate (cr, -G_PI / 2);
          text_draw (cr, &data->names[c], 0, 0, 0.0, 0.5);
          cairo_restore (cr);
        }
      else
        text_draw (cr, &data->names[c], cx, y + l->header_h, 0.5, 1.0);
    }
  y += l->header_h + GAP / 2;

  if (row_names)
    {
      /* "True class", turned to read upwards, beside the row names. */
      cairo_save (cr);
      cairo_translate (cr, l->x, y + cells_w / 2);
      cairo_rotate (cr, -G_PI / 2);
      text_draw (cr, &data->actual, 0, 0, 0.5, 0.0);
      cairo_restore (cr);

      for (guint r = 0; r < n && l->names; r++)
        if (data->names[r].height <= cell + 2)
          text_draw (cr, &data->names[r], cells_x - GAP, y + (r + 0.5) * cell, 1.0, 0.5);
    }

  cairo_set_line_width (cr, 1.0);
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        double v = m->counts[(gsize) r * n + c];
        double share = m->row_totals[r] > 0 ? v / m->row_totals[r] : 0.0;
        double alpha = v > 0 ? 0.12 + 0.88 * share : 0.0;
        double cx = cells_x + c * cell;
        double cy = y + r * cell;

        /* Shaded by the share of the true class: blue on the diagonal
         * (right), orange elsewhere (wrong). */
        if (alpha > 0)
          {
            set_rgb (cr, r == c ? MDK_BEHAVIOUR_HIT_RGB : MDK_BEHAVIOUR_MISS_RGB, alpha);
            cairo_rectangle (cr, cx, cy, cell, cell);
            cairo_fill (cr);
          }
        /* Tiny cells would be all outline. */
        if (cell >= 6)
          {
            set_fg (cr, fg, 0.15);
            cairo_rectangle (cr, cx + 0.5, cy + 0.5, cell - 1, cell - 1);
            cairo_stroke (cr);
          }

        if (alpha > 0.55)
          cairo_set_source_rgb (cr, 1, 1, 1);
        else
          set_fg (cr, fg, v > 0 ? 0.9 : 0.4);
        text_draw_fit (cr, &m->cells[(gsize) r * n + c], cx + cell / 2, cy + cell / 2, cell - 4);
      }
  y += cells_w + GAP;

  set_fg (cr, fg, 0.75);
  text_draw (cr, &m->accuracy, cells_x + cells_w / 2, y, 0.5, 0.0);
}

static void
confusion_draw (const MdkBehaviourPlot *plot,
                cairo_t                *cr,
                double                  width,
                double                  height,
                const GdkRGBA          *fg)
{
  const ConfusionData *data = plot->data;
  ConfusionLayout l;
  double x;

  confusion_layout (data, width, height, &l);
  x = l.x + l.rows_w;
  for (guint i = 0; i < data->n_matrices; i++)
    {
      /* The row names are the same for both: written once, on the left. */
      matrix_draw (data, &data->matrices[i], &l, i == 0, cr, x, fg);
      x += data->n_classes * l.cell + l.between;
    }
}

/* ---------------------------------------------------------------------------
 * Regression: prediction against target
 */

typedef struct
{
  Axes axes;
} RegressionData;

static gpointer
regression_prepare (MdkTrace     *trace,
                    PangoContext *context)
{
  RegressionData *data = g_new0 (RegressionData, 1);
  double lo = INFINITY, hi = -INFINITY, plo, phi, span, step, first, last;
  gboolean has_train = FALSE, has_test = FALSE;
  const char *name = trace->labels != NULL ? trace->labels[0] : NULL;

  axes_init (&data->axes);

  for (guint i = 0; i < trace->n_points; i++)
    {
      double t = trace->values[3 * i];

      if (isfinite (t))
        {
          lo = MIN (lo, t);
          hi = MAX (hi, t);
        }
      if (trace->values[3 * i + 2] != 0.0)
        has_test = TRUE;
      else
        has_train = TRUE;
    }
  if (!isfinite (lo))
    {
      lo = 0.0;
      hi = 1.0;
    }
  span = hi > lo ? hi - lo : MAX (fabs (lo), 1.0);

  /* Predictions widen the range, but only up to one span beyond the
   * targets: a wild prediction is drawn at the edge rather than squeezing
   * every other point into a corner. */
  plo = lo;
  phi = hi;
  for (guint i = 0; i < trace->n_points; i++)
    {
      double p = trace->values[3 * i + 1];

      if (isfinite (p))
        {
          plo = MIN (plo, MAX (p, lo - span));
          phi = MAX (phi, MIN (p, hi + span));
        }
    }
  if (!(phi > plo))
    {
      plo -= 0.5 * span;
      phi += 0.5 * span;
    }

  /* The same range on both axes, so that y = x is the diagonal: the data
   * with a small margin, and ticks at round values inside it. */
  span = phi - plo;
  plo -= 0.04 * span;
  phi += 0.04 * span;
  data->axes.x_lo = data->axes.y_lo = plo;
  data->axes.x_hi = data->axes.y_hi = phi;
  step = nice_step (phi - plo, 5);
  first = ceil (plo / step - 1e-9);
  last = floor (phi / step + 1e-9);
  for (double k = first; k <= last; k++)
    {
      double v = fabs (k) < 0.5 ? 0.0 : k * step;

      axes_add_tick (&data->axes, context, FALSE, v);
      axes_add_tick (&data->axes, context, TRUE, v);
    }

  if (name != NULL && name[0] != '\0')
    {
      /* TRANSLATORS: axis titles of the prediction-against-target plot;
       * %s is the name of the predicted column, e.g. "Target (price)" */
      g_autofree char *x_title = g_strdup_printf (_("Target (%s)"), name);
      g_autofree char *y_title = g_strdup_printf (_("Prediction (%s)"), name);

      text_set (&data->axes.x_title, context, x_title, TEXT_SMALL);
      text_set (&data->axes.y_title, context, y_title, TEXT_SMALL);
    }
  else
    {
      text_set (&data->axes.x_title, context, _("Target"), TEXT_SMALL);
      text_set (&data->axes.y_title, context, _("Prediction"), TEXT_SMALL);
    }

  if (has_train)
    axes_add_legend (&data->axes, context, MARKER_DOT, MDK_BEHAVIOUR_TRAIN_RGB,
                     MDK_BEHAVIOUR_TRAIN_RGB, C_("data rows", "Training"));
  if (has_test)
    axes_add_legend (&data->axes, context, MARKER_DOT, MDK_BEHAVIOUR_TEST_RGB,
                     MDK_BEHAVIOUR_TEST_RGB, C_("data rows", "Test"));
  axes_add_legend (&data->axes, context, MARKER_DASH, 0, 0, _("Prediction = target"));
  return data;
}

static void
regression_free (gpointer p)
{
  RegressionData *data = p;

  axes_clear (&data->axes);
  g_free (data);
}

static void
regression_draw (const MdkBehaviourPlot *plot,
                 cairo_t                *cr,
                 double                  width,
                 double                  height,
                 const GdkRGBA          *fg)
{
  const RegressionData *data = plot->data;
  const Axes *axes = &data->axes;
  const MdkTrace *trace = plot->trace;
  static const double dash[] = { 5.0, 4.0 };
  double r;
  Frame f;

  axes_frame (axes, width, height, &f);

  /* Light grid lines at the ticks. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  set_fg (cr, fg, 0.07);
  for (guint i = 0; i < axes->x_ticks->len; i++)
    {
      double px = round (axes_map_x (axes, &f, g_array_index (axes->x_ticks, Tick, i).value));

      cairo_move_to (cr, px + 0.5, f.y);
      cairo_line_to (cr, px + 0.5, f.y + f.side);
    }
  for (guint i = 0; i < axes->y_ticks->len; i++)
    {
      double py = round (axes_map_y (axes, &f, g_array_index (axes->y_ticks, Tick, i).value));

      cairo_move_to (cr, f.x, py - 0.5);
      cairo_line_to (cr, f.x + f.side, py - 0.5);
    }
  cairo_stroke (cr);

  /* y = x */
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.5);
  set_fg (cr, fg, 0.6);
  cairo_move_to (cr, f.x, f.y + f.side);
  cairo_line_to (cr, f.x + f.side, f.y);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The points, training first; predictions beyond the range sit on the
   * edge. */
  r = CLAMP (f.side / 110, 2.0, 4.5);
  cairo_save (cr);
  cairo_rectangle (cr, f.x - r, f.y - r, f.side + 2 * r, f.side + 2 * r);
  cairo_clip (cr);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < trace->n_points; i++)
        {
          const double *pt = trace->values + 3 * (gsize) i;
          double t = pt[0], p = pt[1];

          if ((pt[2] != 0.0) != (pass == 1) || !isfinite (t) || isnan (p))
            continue;
          p = CLAMP (p, axes->y_lo, axes->y_hi);
          cairo_new_sub_path (cr);
          cairo_arc (cr, axes_map_x (axes, &f, t), axes_map_y (axes, &f, p), r, 0, 2 * G_PI);
        }
      set_rgb (cr, pass == 0 ? MDK_BEHAVIOUR_TRAIN_RGB : MDK_BEHAVIOUR_TEST_RGB, 0.75);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  axes_draw (cr, axes, &f, width, fg);
}

static const Axes *
regression_get_axes (const MdkBehaviourPlot *plot)
{
  return &((const RegressionData *) plot->data)->axes;
}

/* ---------------------------------------------------------------------------
 * Image: the picture a pattern-producing network draws
 */

typedef struct
{
  cairo_surface_t *image;
} ImageData;

static guint32
image_byte (double v)
{
  if (isnan (v))
    return 0;
  return (guint32) lround (255.0 * CLAMP (v, 0.0, 1.0));
}

/* The trace's pixels in an image surface, once, at their own resolution. */
static gpointer
image_prepare (MdkTrace     *trace,
               PangoContext *context)
{
  ImageData *data = g_new0 (ImageData, 1);
  guint w = trace->width, h = trace->height, n = trace->n_outputs;
  guint8 *pixels;
  int stride;

  data->image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
  stride = cairo_image_surface_get_stride (data->image);
  cairo_surface_flush (data->image);
  pixels = cairo_image_surface_get_data (data->image);
  for (guint j = 0; j < h; j++)
    {
      guint32 *row = (guint32 *) (pixels + (gsize) j * stride);
      const double *v = trace->values + (gsize) j * w * n;

      for (guint i = 0; i < w; i++, v += n)
        {
          guint32 r = image_byte (v[0]);
          guint32 g = n == 3 ? image_byte (v[1]) : r;
          guint32 b = n == 3 ? image_byte (v[2]) : r;

          row[i] = 0xff000000u | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (data->image);
  return data;
}

static void
image_free (gpointer p)
{
  ImageData *data = p;

  g_clear_pointer (&data->image, cairo_surface_destroy);
  g_free (data);
}

/* As large as fits with square pixels, centred, in a faint frame so that a
 * white or black image still shows its edges on either theme.  A CPPN is a
 * smooth function, so enlarging a few times interpolates; beyond that the
 * image is clearly coarse and blurring would hide it, so its pixels show as
 * squares.  Shrinking averages. */
#define IMAGE_NEAREST_SCALE 8.0

static void
image_draw (const MdkBehaviourPlot *plot,
            cairo_t                *cr,
            double                  width,
            double                  height,
            const GdkRGBA          *fg)
{
  const ImageData *data = plot->data;
  const MdkTrace *trace = plot->trace;
  double scale = MIN ((width - 2 * PAD) / trace->width, (height - 2 * PAD) / trace->height);
  cairo_filter_t filter;
  double dw, dh, x, y;

  if (scale <= 0)
    return;
  dw = round (trace->width * scale);
  dh = round (trace->height * scale);
  x = round ((width - dw) / 2);
  y = round ((height - dh) / 2);

  if (scale >= IMAGE_NEAREST_SCALE)
    filter = CAIRO_FILTER_NEAREST;
  else if (scale >= 1.0)
    filter = CAIRO_FILTER_BILINEAR;
  else
    filter = CAIRO_FILTER_GOOD;
  paint_image (cr, data->image, x, y, dw, dh, filter);

  cairo_rectangle (cr, x - 0.5, y - 0.5, dw + 1, dh + 1);
  cairo_set_line_width (cr, 1.0);
  set_fg (cr, fg, 0.25);
  cairo_stroke (cr);
}

/* ---------------------------------------------------------------------------
 * Pole balancing: the episode frame by frame beside the generalisation
 * test's grid
 */

typedef struct
{
  gboolean         failed;         /* the episode ended in a failure */
  gboolean         has_test;       /* a generalisation test belongs here */
  cairo_surface_t *grid;           /* one pixel per start; NULL if not run */
  Text             status;
  Text             grid_title;     /* the score, or why there is none */
  Text             grid_rows;
  Text             grid_cols;
  Text             legend_pass;
  Text             legend_fail;
} PoleData;

/* Pixels of the grid per side at most, and at least. */
#define POLE_GRID_MAX 260.0
#define POLE_GRID_MIN 60.0

static gpointer
pole_prepare (MdkTrace     *trace,
              PangoContext *context)
{
  PoleData *data = g_new0 (PoleData, 1);
  guint steps = trace->n_rows - 1;
  double seconds = steps * trace->time_step;
  g_autofree char *status = NULL;

  data->failed = steps < trace->max_steps;
  if (data->failed)
    /* TRANSLATORS: %u is a number of steps, %.1f seconds of simulated time */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Balanced %u step (%.1f s), then fell",
                                           "Balanced %u steps (%.1f s), then fell", steps),
                              steps, seconds);
  else
    /* TRANSLATORS: %u is a number of steps, %.0f seconds of simulated time */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Balanced all %u step (%.0f s)",
                                           "Balanced all %u steps (%.0f s)", steps),
                              steps, seconds);
  text_set (&data->status, context, status, TEXT_NORMAL);

  data->has_test = trace->pass_steps > 0;
  if (!data->has_test)
    return data;

  if (trace->values2 != NULL && trace->width > 0 && trace->height > 0)
    {
      guint w = trace->width, h = trace->height, passed = 0;
      guint8 *pixels;
      int stride;
      g_autofree char *title = NULL;

      data->grid = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
      stride = cairo_image_surface_get_stride (data->grid);
      cairo_surface_flush (data->grid);
      pixels = cairo_image_surface_get_data (data->grid);
      for (guint j = 0; j < h; j++)
        {
          guint32 *row = (guint32 *) (pixels + (gsize) j * stride);

          for (guint i = 0; i < w; i++)
            {
              double v = trace->values2[(gsize) j * w + i];
              double t = isfinite (v) ? CLAMP (v / trace->pass_steps, 0.0, 1.0) : 0.0;

              /* A pass is green; a failure red, paler the longer it held. */
              if (t >= 1.0)
                {
                  row[i] = 0xff000000u | MDK_BEHAVIOUR_RIGHT_RGB;
                  passed++;
                }
              else
                row[i] = 0xff000000u | mix_rgb (MDK_BEHAVIOUR_WRONG_RGB, MDK_BEHAVIOUR_HEAT_MID_RGB,
                                                0.8 * t);
            }
        }
      cairo_surface_mark_dirty (data->grid);
      /* TRANSLATORS: the score of the generalisation test of a pole
       * balancer, e.g. "Generalisation: 412 of 625 starts" */
      title = g_strdup_printf (_("Generalisation: %u of %u starts"), passed, w * h);
      text_set (&data->grid_title, context, title, TEXT_BOLD);
    }
  else
    {
      g_autofree char *note = NULL;

      /* TRANSLATORS: %u is a number of steps */
      note = g_strdup_printf (_("Generalisation test:\nonce the network balances\n%u steps"),
                              trace->max_steps);
      text_set (&data->grid_title, context, note, TEXT_SMALL);
      pango_layout_set_alignment (data->grid_title.layout, PANGO_ALIGN_CENTER);
    }
  /* TRANSLATORS: what the rows and columns of the generalisation grid
   * vary: the cart's position and velocity, the long pole's angle and
   * angular velocity */
  text_set (&data->grid_rows, context, _("rows: x, dx/dt"), TEXT_SMALL);
  text_set (&data->grid_cols, context, _("columns: θ1, dθ1/dt"), TEXT_SMALL);
  {
    g_autofree char *pass = NULL;

    /* TRANSLATORS: legend of the generalisation grid; %u is a number of steps */
    pass = g_strdup_printf (_("balanced %u steps"), trace->pass_steps);
    text_set (&data->legend_pass, context, pass, TEXT_SMALL);
    text_set (&data->legend_fail, context, _("fell sooner"), TEXT_SMALL);
  }
  return data;
}

static void
pole_free (gpointer p)
{
  PoleData *data = p;

  g_clear_pointer (&data->grid, cairo_surface_destroy);
  text_clear (&data->status);
  text_clear (&data->grid_title);
  text_clear (&data->grid_rows);
  text_clear (&data->grid_cols);
  text_clear (&data->legend_pass);
  text_clear (&data->legend_fail);
  g_free (data);
}

/* The cart's size in metres. */
#define CART_WIDTH 0.5
#define CART_HEIGHT 0.22

static double
pole_longest (const MdkTrace *trace)
{
  double longest = 0.0;

  for (guint p = 0; p < trace->n_points; p++)
    longest = MAX (longest, trace->points[p]);
  return longest;
}

/* What the scene shows, in metres: the track with the cart at either end,
 * and the longest pole on the cart. */
static void
pole_world_size (const MdkTrace *trace,
                 double         *width,
                 double         *height)
{
  *width = trace->x1 - trace->x0 + CART_WIDTH + 0.3;
  *height = pole_longest (trace) + CART_HEIGHT + 0.35;
}

/* The cart on its track and the poles at @frame, in the rectangle (x, y,
 * w, h).  The world is in metres with the hinge height as 0. */
static void
pole_draw_scene (const MdkBehaviourPlot *plot,
                 cairo_t                *cr,
                 double                  x,
                 double                  y,
                 double                  w,
                 double                  h,
                 const GdkRGBA          *fg)
{
  const PoleData *data = plot->data;
  const MdkTrace *trace = plot->trace;
  const double *v = trace->values + (gsize) plot->frame * trace->n_cols;
  static const guint32 pole_rgb[2] = { MDK_BEHAVIOUR_CLASS1_RGB, MDK_BEHAVIOUR_CLASS0_RGB };
  static const double dash[] = { 3.0, 4.0 };
  double longest = pole_longest (trace), s, ground, cx, hinge_y, limit;
  double world_w, world_h;
  gboolean fallen = data->failed && plot->frame + 1 == trace->n_rows;

  pole_world_size (trace, &world_w, &world_h);
  s = MIN (w / world_w, h / world_h);
  if (s <= 0)
    return;
  ground = round (y + (h + world_h * s) / 2 - 0.12 * s) + 0.5;
  cx = x + w / 2 + (v[0] - (trace->x0 + trace->x1) / 2) * s;
  hinge_y = ground - (CART_HEIGHT + 0.04) * s;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The track, with stops where the cart fails. */
  cairo_set_line_width (cr, 1.5);
  set_fg (cr, fg, 0.45);
  cairo_move_to (cr, x + w / 2 + (trace->x0 - (trace->x0 + trace->x1) / 2) * s - CART_WIDTH / 2 * s, ground);
  cairo_line_to (cr, x + w / 2 + (trace->x1 - (trace->x0 + trace->x1) / 2) * s + CART_WIDTH / 2 * s, ground);
  cairo_stroke (cr);
  for (guint e = 0; e < 2; e++)
    {
      double ex = x + w / 2 + ((e ? trace->x1 : trace->x0) - (trace->x0 + trace->x1) / 2) * s;

      cairo_move_to (cr, round (ex) + 0.5, ground);
      cairo_line_to (cr, round (ex) + 0.5, ground - 0.12 * s);
    }
  cairo_stroke (cr);

  /* The angles beyond which a pole fails. */
  limit = trace->y1;
  cairo_save (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.0);
  set_fg (cr, fg, 0.25);
  for (int sign = -1; sign <= 1; sign += 2)
    {
      cairo_move_to (cr, cx, hinge_y);
      cairo_line_to (cr, cx + sign * sin (limit) * longest * s, hinge_y - cos (limit) * longest * s);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The cart, and the force on it as an arrow from its side. */
  cairo_rectangle (cr, cx - CART_WIDTH / 2 * s, ground - (CART_HEIGHT + 0.04) * s, CART_WIDTH * s, CART_HEIGHT * s);
  if (fallen)
    set_rgb (cr, MDK_BEHAVIOUR_WRONG_RGB, 0.8);
  else
    set_fg (cr, fg, 0.55);
  cairo_fill (cr);
  if (v[1] != 0.0 && !fallen)
    {
      double dir = v[1] > 0 ? 1.0 : -1.0;
      double len = MIN (1.0, fabs (v[1]) / 10.0) * 0.45 * s;
      double ay = ground - (CART_HEIGHT / 2 + 0.04) * s;
      double ax = cx - dir * (CART_WIDTH / 2 * s + 2);

      set_rgb (cr, MDK_BEHAVIOUR_HIT_RGB, 0.9);
      cairo_set_line_width (cr, MAX (1.5, 0.035 * s));
      cairo_move_to (cr, ax - dir * len, ay);
      cairo_line_to (cr, ax, ay);
      cairo_stroke (cr);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, ax - dir * MAX (5.0, 0.08 * s), ay - MAX (4.0, 0.06 * s));
      cairo_line_to (cr, ax - dir * MAX (5.0, 0.08 * s), ay + MAX (4.0, 0.06 * s));
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  /* The poles, the long one behind. */
  for (guint p = 0; p < trace->n_points; p++)
    {
      double theta = v[2 + p], len = trace->points[p] * s;
      gboolean out = fabs (theta) > limit;

      cairo_set_line_width (cr, CLAMP (0.045 * s, 2.0, 9.0));
      if (out)
        set_rgb (cr, MDK_BEHAVIOUR_WRONG_RGB, 1.0);
      else
        set_rgb (cr, pole_rgb[p % 2], 1.0);
      cairo_move_to (cr, cx, hinge_y);
      cairo_line_to (cr, cx + sin (theta) * len, hinge_y - cos (theta) * len);
      cairo_stroke (cr);
    }
  set_fg (cr, fg, 0.8);
  cairo_arc (cr, cx, hinge_y, CLAMP (0.03 * s, 2.0, 5.0), 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);

  set_fg (cr, fg, 0.8);
  text_draw (cr, &data->status, x + PAD, y + PAD, 0.0, 0.0);
}

/* The generalisation grid as a square of @side pixels at (x, y), with its
 * title (at most @title_width wide) above and axis notes around. */
static void
pole_draw_grid (const PoleData *data,
                cairo_t        *cr,
                double          x,
                double          y,
                double          side,
                double          title_width,
                const GdkRGBA  *fg)
{
  double top = y + data->grid_title.height + GAP;
  double below = top + side + GAP;

  if (data->grid == NULL)
    {
      cairo_rectangle (cr, x + 0.5, y + 0.5, side - 1, side - 1);
      set_fg (cr, fg, 0.25);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      set_fg (cr, fg, 0.6);
      text_draw_fit (cr, &data->grid_title, x + side / 2, y + side / 2, side - 2 * GAP);
      return;
    }

  set_fg (cr, fg, 0.9);
  text_draw_fit (cr, &data->grid_title, x + side / 2, y + data->grid_title.height / 2, title_width);

  paint_image (cr, data->grid, x, top, side, side, CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, x - 0.5, top - 0.5, side + 1, side + 1);
  set_fg (cr, fg, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  set_fg (cr, fg, 0.7);
  text_draw (cr, &data->grid_cols, x + side / 2, below, 0.5, 0.0);
  cairo_save (cr);
  cairo_translate (cr, x - GAP, top + side / 2);
  cairo_rotate (cr, -G_PI / 2);
  text_draw (cr, &data->grid_rows, 0, 0, 0.5, 1.0);
  cairo_restore (cr);

  /* Legend: a green and a red swatch. */
  {
    double ly = below + data->grid_cols.height + GAP, sw = 10.0;
    double total = 2 * sw + 2 * GAP + data->legend_pass.width + data->legend_fail.width + 3 * GAP;
    double lx = x + side / 2 - total / 2;

    set_rgb (cr, MDK_BEHAVIOUR_RIGHT_RGB, 1.0);
    cairo_rectangle (cr, lx, ly + (data->legend_pass.height - sw) / 2, sw, sw);
    cairo_fill (cr);
    set_fg (cr, fg, 0.75);
    text_draw (cr, &data->legend_pass, lx + sw + GAP, ly, 0.0, 0.0);
    lx += sw + GAP + data->legend_pass.width + 3 * GAP;
    set_rgb (cr, MDK_BEHAVIOUR_WRONG_RGB, 1.0);
    cairo_rectangle (cr, lx, ly + (data->legend_fail.height - sw) / 2, sw, sw);
    cairo_fill (cr);
    set_fg (cr, fg, 0.75);
    text_draw (cr, &data->legend_fail, lx + sw + GAP, ly, 0.0, 0.0);
  }
}

/* The scene fills the area; with a test, the grid takes the right side of
 * a wide area or the bottom of a tall one. */
static void
pole_draw (const MdkBehaviourPlot *plot,
           cairo_t                *cr,
           double                  width,
           double                  height,
           const GdkRGBA          *fg)
{
  const PoleData *data = plot->data;
  double extra, side;

  if (!data->has_test)
    {
      pole_draw_scene (plot, cr, 0, 0, width, height, fg);
      return;
    }

  /* Around the grid: the title above, the axis note and legend below. */
  extra = data->grid_title.height + data->grid_cols.height + data->legend_pass.height + 4 * GAP;
  if (width >= 1.3 * height)
    {
      side = CLAMP (MIN (height - 2 * PAD - extra, width * 0.38), POLE_GRID_MIN, POLE_GRID_MAX);
      pole_draw_scene (plot, cr, 0, 0, width - side - 3 * PAD, height, fg);
      pole_draw_grid (data, cr, round (width - side - PAD), round ((height - side - extra) / 2 + GAP),
                      round (side), side + 2 * GAP, fg);
    }
  else
    {
      /* The scene as tall as its width needs (at most half), the grid
       * the rest. */
      double world_w, world_h, scene_h;

      pole_world_size (plot->trace, &world_w, &world_h);
      scene_h = MIN (height / 2, width / world_w * world_h + data->status.height + 2 * PAD);
      side = CLAMP (MIN (width - 2 * PAD - 3 * GAP - data->grid_rows.height, height - scene_h - extra - PAD),
                    POLE_GRID_MIN, POLE_GRID_MAX);
      pole_draw_scene (plot, cr, 0, 0, width, scene_h, fg);
      pole_draw_grid (data, cr, round ((width - side) / 2), round (scene_h + (height - scene_h - side - extra) / 2),
                      round (side), width - 2 * PAD, fg);
    }
}

/* ---------------------------------------------------------------------------
 * A network against a function: a curve of one input, or the target and
 * the prediction of two side by side
 */

typedef struct
{
  Axes             axes;        /* one input */
  cairo_surface_t *maps[2];     /* two inputs: target, prediction */
  Text             titles[2];
  Text             range[2];    /* the colour scale's ends */
} FunctionData;

/* A function value @v on the colour scale [lo, hi]. */
static guint32
function_rgb (double v,
              double lo,
              double hi)
{
  if (!isfinite (v))
    return MDK_BEHAVIOUR_HEAT_MID_RGB;
  return mdk_behaviour_heat_rgb ((v - lo) / (hi - lo));
}

static void
function_prepare_curve (FunctionData *data,
                        MdkTrace     *trace,
                        PangoContext *context)
{
  double lo = INFINITY, hi = -INFINITY, plo, phi, span, step;
  const char *x_name = trace->labels != NULL ? trace->labels[0] : "x";
  const char *y_name = trace->labels != NULL && g_strv_length (trace->labels) >= 2 ? trace->labels[1] : "y";

  axes_init (&data->axes);
  for (guint r = 0; r < trace->n_rows; r++)
    {
      double t = trace->values[3 * r + 1];

      if (isfinite (t))
        {
          lo = MIN (lo, t);
          hi = MAX (hi, t);
        }
    }
  if (!isfinite (lo))
    lo = 0.0, hi = 1.0;
  span = hi > lo ? hi - lo : 1.0;
  /* Predictions widen the range up to half a span beyond the target. */
  plo = lo;
  phi = hi;
  for (guint r = 0; r < trace->n_rows; r++)
    {
      double p = trace->values[3 * r + 2];

      if (isfinite (p))
        {
          plo = MIN (plo, MAX (p, lo - 0.5 * span));
          phi = MAX (phi, MIN (p, hi + 0.5 * span));
        }
    }
  if (!(phi > plo))
    plo -= 0.5, phi += 0.5;
  span = phi - plo;
  data->axes.y_lo = plo - 0.05 * span;
  data->axes.y_hi = phi + 0.05 * span;
  data->axes.x_lo = trace->values[0];
  data->axes.x_hi = trace->values[3 * (trace->n_rows - 1)];
  if (!(data->axes.x_hi > data->axes.x_lo))
    data->axes.x_hi = data->axes.x_lo + 1.0;

  step = nice_step (data->axes.x_hi - data->axes.x_lo, 4);
  for (double k = ceil (data->axes.x_lo / step - 1e-9); k <= floor (data->axes.x_hi / step + 1e-9); k++)
    axes_add_tick (&data->axes, context, FALSE, fabs (k) < 0.5 ? 0.0 : k * step);
  step = nice_step (data->axes.y_hi - data->axes.y_lo, 5);
  for (double k = ceil (data->axes.y_lo / step - 1e-9); k <= floor (data->axes.y_hi / step + 1e-9); k++)
    axes_add_tick (&data->axes, context, TRUE, fabs (k) < 0.5 ? 0.0 : k * step);

  text_set (&data->axes.x_title, context, x_name, TEXT_SMALL);
  text_set (&data->axes.y_title, context, y_name, TEXT_SMALL);
  axes_add_legend (&data->axes, context, MARKER_LINE, MDK_BEHAVIOUR_TRAIN_RGB, 0, _("Target"));
  axes_add_legend (&data->axes, context, MARKER_LINE, MDK_BEHAVIOUR_TEST_RGB, 0, _("Prediction"));
  if (trace->n_points > 0)
    axes_add_legend (&data->axes, context, MARKER_DOT, MDK_BEHAVIOUR_TRAIN_RGB,
                     MDK_BEHAVIOUR_TRAIN_RGB, _("Training samples"));
}

static void
function_prepare_maps (FunctionData *data,
                       MdkTrace     *trace,
                       PangoContext *context)
{
  guint w = trace->width, h = trace->height;
  gsize n = (gsize) w * h;
  double lo = INFINITY, hi = -INFINITY;
  const char *name = trace->labels != NULL && g_strv_length (trace->labels) >= 3 ? trace->labels[2] : "z";
  char buf[32];

  for (gsize k = 0; k < n; k++)
    if (isfinite (trace->values[k]))
      {
        lo = MIN (lo, trace->values[k]);
        hi = MAX (hi, trace->values[k]);
      }
  if (!isfinite (lo) || !(hi > lo))
    {
      lo = isfinite (lo) ? lo - 0.5 : 0.0;
      hi = lo + 1.0;
    }

  for (guint m = 0; m < 2; m++)
    {
      const double *v = m == 0 ? trace->values : trace->values2;
      guint8 *pixels;
      int stride;
      g_autofree char *title = NULL;

      data->maps[m] = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
      stride = cairo_image_surface_get_stride (data->maps[m]);
      cairo_surface_flush (data->maps[m]);
      pixels = cairo_image_surface_get_data (data->maps[m]);
      /* Row 0 of the trace is at y0, the bottom. */
      for (guint j = 0; j < h; j++)
        {
          guint32 *row = (guint32 *) (pixels + (gsize) (h - 1 - j) * stride);

          for (guint i = 0; i < w; i++)
            row[i] = 0xff000000u | function_rgb (v[(gsize) j * w + i], lo, hi);
        }
      cairo_surface_mark_dirty (data->maps[m]);
      /* TRANSLATORS: titles of the two maps of a surface, %s is the
       * output's name, e.g. "Target (z)" */
      title = g_strdup_printf (m == 0 ? _("Target (%s)") : _("Prediction (%s)"), name);
      text_set (&data->titles[m], context, title, TEXT_BOLD);
    }
  g_snprintf (buf, sizeof buf, "%.3g", lo);
  text_set (&data->range[0], context, buf, TEXT_SMALL);
  g_snprintf (buf, sizeof buf, "%.3g", hi);
  text_set (&data->range[1], context, buf, TEXT_SMALL);
}

static gpointer
function_prepare (MdkTrace     *trace,
                  PangoContext *context)
{
  FunctionData *data = g_new0 (FunctionData, 1);

  if (trace->n_cols == 1)
    function_prepare_curve (data, trace, context);
  else
    function_prepare_maps (data, trace, context);
  return data;
}

static void
function_free (gpointer p)
{
  FunctionData *data = p;

  if (data->axes.legend != NULL)
    axes_clear (&data->axes);
  for (guint m = 0; m < 2; m++)
    {
      g_clear_pointer (&data->maps[m], cairo_surface_destroy);
      text_clear (&data->titles[m]);
      text_clear (&data->range[m]);
    }
  g_free (data);
}

static void
function_draw_curve (const MdkBehaviourPlot *plot,
                     cairo_t                *cr,
                     double                  width,
                     double                  height,
                     const GdkRGBA          *fg)
{
  const FunctionData *data = plot->data;
  const Axes *axes = &data->axes;
  const MdkTrace *trace = plot->trace;
  double r;
  Frame f;

  axes_frame (axes, width, height, &f);
  cairo_save (cr);
  cairo_rectangle (cr, f.x, f.y, f.side, f.side);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint c = 0; c < 2; c++)
    {
      gboolean pen_down = FALSE;

      for (guint k = 0; k < trace->n_rows; k++)
        {
          const double *row = trace->values + 3 * (gsize) k;
          double v = row[1 + c];

          if (!isfinite (v))
            {
              pen_down = FALSE;
              continue;
            }
          v = CLAMP (v, axes->y_lo - 1.0, axes->y_hi + 1.0);
          if (pen_down)
            cairo_line_to (cr, axes_map_x (axes, &f, row[0]), axes_map_y (axes, &f, v));
          else
            cairo_move_to (cr, axes_map_x (axes, &f, row[0]), axes_map_y (axes, &f, v));
          pen_down = TRUE;
        }
      cairo_set_line_width (cr, c == 0 ? 4.0 : 2.0);
      set_rgb (cr, c == 0 ? MDK_BEHAVIOUR_TRAIN_RGB : MDK_BEHAVIOUR_TEST_RGB, c == 0 ? 0.45 : 1.0);
      cairo_stroke (cr);
    }
  r = CLAMP (f.side / 120, 2.0, 4.0);
  for (guint p = 0; p < trace->n_points; p++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, axes_map_x (axes, &f, trace->points[2 * p]),
                 axes_map_y (axes, &f, trace->points[2 * p + 1]), r, 0, 2 * G_PI);
    }
  set_rgb (cr, MDK_BEHAVIOUR_TRAIN_RGB, 1.0);
  cairo_fill (cr);
  cairo_restore (cr);
  axes_draw (cr, axes, &f, width, fg);
}

/* Two square maps side by side (or one above the other in a tall area),
 * titles above, a colour bar below. */
static void
function_draw_maps (const MdkBehaviourPlot *plot,
                    cairo_t                *cr,
                    double                  width,
                    double                  height,
                    const GdkRGBA          *fg)
{
  const FunctionData *data = plot->data;
  const MdkTrace *trace = plot->trace;
  double th = data->titles[0].height, bar = 10.0, below = GAP + bar + GAP + data->range[0].height;
  gboolean wide = width >= height;
  double side = wide ? MIN ((width - 3 * PAD) / 2, height - 2 * PAD - th - GAP - below)
                     : MIN (width - 2 * PAD, (height - 3 * PAD - 2 * (th + GAP) - below) / 2);
  double by = 0.0;

  if (side < 10)
    return;
  side = floor (side);
  for (guint m = 0; m < 2; m++)
    {
      double x = wide ? round (width / 2 + (m == 0 ? -side - PAD / 2 : PAD / 2)) : round ((width - side) / 2);
      double y = wide ? round ((height - side - th - GAP - below) / 2 + th + GAP)
                      : round (PAD + th + GAP + m * (side + th + GAP + PAD));

      set_fg (cr, fg, 0.9);
      text_draw (cr, &data->titles[m], x + side / 2, y - GAP, 0.5, 1.0);
      paint_image (cr, data->maps[m], x, y, side, side, CAIRO_FILTER_BILINEAR);
      cairo_rectangle (cr, x - 0.5, y - 0.5, side + 1, side + 1);
      set_fg (cr, fg, 0.3);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      if (m == 0)
        for (guint p = 0; p < trace->n_points; p++)
          {
            double px = x + (trace->points[2 * p] - trace->x0) / (trace->x1 - trace->x0) * side;
            double py = y + (trace->y1 - trace->points[2 * p + 1]) / (trace->y1 - trace->y0) * side;

            cairo_new_sub_path (cr);
            cairo_arc (cr, px, py, 1.2, 0, 2 * G_PI);
          }
      set_fg (cr, fg, 0.5);
      cairo_fill (cr);
      by = y + side + GAP;
    }

  /* The colour bar, from the lowest target value to the highest. */
  {
    double bw = MIN (side, 220.0), x0 = round (width / 2 - bw / 2);
    cairo_pattern_t *gradient = cairo_pattern_create_linear (x0, 0, x0 + bw, 0);

    for (guint k = 0; k <= 8; k++)
      {
        guint32 rgb = mdk_behaviour_heat_rgb (k / 8.0);

        cairo_pattern_add_color_stop_rgb (gradient, k / 8.0, ((rgb >> 16) & 0xff) / 255.0,
                                          ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
      }
    cairo_rectangle (cr, x0, by, bw, bar);
    cairo_set_source (cr, gradient);
    cairo_fill (cr);
    cairo_pattern_destroy (gradient);
    set_fg (cr, fg, 0.75);
    text_draw (cr, &data->range[0], x0, by + bar + GAP / 2, 0.0, 0.0);
    text_draw (cr, &data->range[1], x0 + bw, by + bar + GAP / 2, 1.0, 0.0);
  }
}

static void
function_draw (const MdkBehaviourPlot *plot,
               cairo_t                *cr,
               double                  width,
               double                  height,
               const GdkRGBA          *fg)
{
  if (plot->trace->n_cols == 1)
    function_draw_curve (plot, cr, width, height, fg);
  else
    function_draw_maps (plot, cr, width, height, fg);
}

static const Axes *
function_get_axes (const MdkBehaviourPlot *plot)
{
  const FunctionData *data = plot->data;

  return plot->trace->n_cols == 1 ? &data->axes : NULL;
}

/* ---------------------------------------------------------------------------
 * Maze: the map, the robot's path, where the generation's robots ended
 * (drawn by draw/mdk-maze-draw.c), and a caption
 */

#define MAZE_DOT_RGB 0xE66100

typedef struct
{
  Text status;
  Text dots;
  Text archive;
} MazeData;

static gpointer
maze_prepare (MdkTrace     *trace,
              PangoContext *context)
{
  MazeData *data = g_new0 (MazeData, 1);
  gboolean reached;
  double distance = mdk_maze_trace_end_distance (trace, &reached);
  guint steps = trace->n_rows - 1;
  g_autofree char *status = NULL;

  if (reached)
    /* TRANSLATORS: the maze robot's drive; %u is a number of time steps */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reached the goal in %u step",
                                           "Reached the goal in %u steps", steps),
                              steps);
  else
    /* TRANSLATORS: the maze robot's drive: %u time steps, then its distance
     * to the goal in the map's units */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "After %u step, %.1f from the goal",
                                           "After %u steps, %.1f from the goal", steps),
                              steps, distance);
  text_set (&data->status, context, status, TEXT_NORMAL);
  text_set (&data->dots, context, _("where the last generation's robots ended"), TEXT_SMALL);
  text_set (&data->archive, context, _("the novelty archive: where novel robots ended"), TEXT_SMALL);
  return data;
}

static void
maze_free (gpointer p)
{
  MazeData *data = p;

  text_clear (&data->status);
  text_clear (&data->dots);
  text_clear (&data->archive);
  g_free (data);
}

static gboolean
maze_has_dots (const MdkBehaviourPlot *plot)
{
  return plot->behaviours != NULL && plot->n_behaviour >= 2 && plot->behaviours->len >= plot->n_behaviour;
}

static gboolean
maze_has_archive (const MdkBehaviourPlot *plot)
{
  return plot->archive != NULL && plot->archive_dims >= 2 && plot->archive->len >= plot->archive_dims;
}

/* The map's part of the area: all of it but the caption below. */
static double
maze_map_height (const MdkBehaviourPlot *plot,
                 double                  height)
{
  const MazeData *data = plot->data;
  double caption = data->status.height + (maze_has_dots (plot) ? data->dots.height : 0.0) +
                   (maze_has_archive (plot) ? data->archive.height : 0.0);

  return MAX (0.0, height - caption - GAP);
}

static void
maze_draw (const MdkBehaviourPlot *plot,
           cairo_t                *cr,
           double                  width,
           double                  height,
           const GdkRGBA          *fg)
{
  const MazeData *data = plot->data;
  const MdkRGBA color = { fg->red, fg->green, fg->blue, fg->alpha };
  double map_height = maze_map_height (plot, height);
  gboolean dots = maze_has_dots (plot);
  MdkMazeGeometry geometry;
  double y;

  mdk_maze_geometry (plot->trace, width, map_height, &geometry);
  /* The caption right below the map. */
  y = MIN (map_height, geometry.y_origin + geometry.height + GAP);
  mdk_maze_draw (cr, plot->trace, &geometry,
                 dots ? (const double *) plot->behaviours->data : NULL,
                 dots ? plot->behaviours->len / plot->n_behaviour : 0, plot->n_behaviour, &color);
  if (maze_has_archive (plot))
    mdk_maze_draw_archive (cr, plot->trace, &geometry, (const double *) (gpointer) plot->archive->data,
                           plot->archive->len / plot->archive_dims, plot->archive_dims);

  set_fg (cr, fg, 0.85);
  text_draw_fit (cr, &data->status, width / 2, y + data->status.height / 2, width - 2 * PAD);
  y += data->status.height;
  if (dots)
    {
      /* An orange dot, then its meaning, together centred. */
      double w = MIN (data->dots.width + 8, width - 2 * PAD);
      double x = (width - w) / 2;

      set_fg (cr, fg, 0.7);
      text_draw_fit (cr, &data->dots, x + 8 + (w - 8) / 2, y + data->dots.height / 2, w - 8);
      cairo_arc (cr, x + 2.5, y + data->dots.height / 2, 2.5, 0, 2 * G_PI);
      set_rgb (cr, MAZE_DOT_RGB, 0.8);
      cairo_fill (cr);
    }
  if (maze_has_archive (plot))
    {
      /* The archive's square, then its meaning. */
      double w = MIN (data->archive.width + 8, width - 2 * PAD);
      double x = (width - w) / 2;

      y += dots ? data->dots.height : 0.0;
      set_fg (cr, fg, 0.7);
      text_draw_fit (cr, &data->archive, x + 8 + (w - 8) / 2, y + data->archive.height / 2, w - 8);
      mdk_behaviour_space_add_archive_mark (cr, x + 2.5, y + data->archive.height / 2);
      mdk_behaviour_space_fill_archive (cr);
    }
}

static gboolean
maze_from_task (const MdkBehaviourPlot *plot,
                double                  width,
                double                  height,
                double                  x,
                double                  y,
                double                 *wx,
                double                 *wy)
{
  MdkMazeGeometry geometry;
  double px, py;

  mdk_maze_geometry (plot->trace, width, maze_map_height (plot, height), &geometry);
  mdk_maze_to_pixels (&geometry, x, y, &px, &py);
  if (wx != NULL)
    *wx = px;
  if (wy != NULL)
    *wy = py;
  return x >= plot->trace->x0 && x <= plot->trace->x1 && y >= plot->trace->y0 && y <= plot->trace->y1;
}

/* ---------------------------------------------------------------------------
 * The table of kinds, and the public functions
 */

static const Drawing drawings[] = {
  {
    .kind = MDK_TRACE_DECISION_GRID,
    .prepare = grid_prepare,
    .free_data = grid_free,
    .draw = grid_draw,
    .get_axes = grid_get_axes,
    .accepts_points = TRUE,
  },
  {
    .kind = MDK_TRACE_TRUTH_TABLE,
    .prepare = table_prepare,
    .free_data = table_free,
    .draw = table_draw,
  },
  {
    .kind = MDK_TRACE_CONFUSION,
    .prepare = confusion_prepare,
    .free_data = confusion_free,
    .draw = confusion_draw,
  },
  {
    .kind = MDK_TRACE_REGRESSION,
    .prepare = regression_prepare,
    .free_data = regression_free,
    .draw = regression_draw,
    .get_axes = regression_get_axes,
  },
  {
    .kind = MDK_TRACE_IMAGE,
    .prepare = image_prepare,
    .free_data = image_free,
    .draw = image_draw,
  },
  {
    .kind = MDK_TRACE_CART_POLE,
    .prepare = pole_prepare,
    .free_data = pole_free,
    .draw = pole_draw,
  },
  {
    .kind = MDK_TRACE_FUNCTION,
    .prepare = function_prepare,
    .free_data = function_free,
    .draw = function_draw,
    .get_axes = function_get_axes,
  },
  {
    .kind = MDK_TRACE_MAZE,
    .prepare = maze_prepare,
    .free_data = maze_free,
    .draw = maze_draw,
  },
};

static const Drawing *
lookup_drawing (MdkTraceKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (drawings); i++)
    if (drawings[i].kind == kind)
      return &drawings[i];
  return NULL;
}

/* Whether @trace holds what its kind promises, so that drawing never reads
 * past an array.  A malformed trace is a bug in its task: say so once. */
static gboolean
trace_is_drawable (const MdkTrace *trace)
{
  switch (trace->kind)
    {
    case MDK_TRACE_DECISION_GRID:
      return trace->width > 1 && trace->height > 1 && trace->values != NULL &&
             trace->x1 > trace->x0 && trace->y1 > trace->y0 &&
             (trace->n_points == 0 || trace->points != NULL);
    case MDK_TRACE_TRUTH_TABLE:
      return trace->n_outputs > 0 && (trace->n_rows == 0 || trace->values != NULL);
    case MDK_TRACE_CONFUSION:
      return trace->n_classes > 0 && trace->values != NULL;
    case MDK_TRACE_REGRESSION:
      return trace->n_points == 0 || trace->values != NULL;
    case MDK_TRACE_IMAGE:
      return trace->width > 0 && trace->height > 0 && trace->values != NULL &&
             (trace->n_outputs == 1 || trace->n_outputs == 3);
    case MDK_TRACE_CART_POLE:
      return trace->n_rows > 0 && trace->values != NULL && trace->n_points > 0 &&
             trace->points != NULL && trace->n_cols == 2 + trace->n_points &&
             trace->x1 > trace->x0 && trace->time_step > 0 &&
             (trace->values2 == NULL || trace->width * trace->height > 0);
    case MDK_TRACE_FUNCTION:
      if (trace->n_cols == 1)
        return trace->n_rows > 0 && trace->values != NULL &&
               (trace->n_points == 0 || trace->points != NULL);
      return trace->n_cols == 2 && trace->width > 0 && trace->height > 0 &&
             trace->values != NULL && trace->values2 != NULL && trace->x1 > trace->x0 &&
             trace->y1 > trace->y0 && (trace->n_points == 0 || trace->points != NULL);
    case MDK_TRACE_MAZE:
      return mdk_maze_trace_is_valid (trace);
    default:
      return FALSE;
    }
}

gboolean
mdk_behaviour_kind_has_drawing (MdkTraceKind kind)
{
  return lookup_drawing (kind) != NULL;
}

/**
 * mdk_behaviour_plot_new:
 * @trace: (nullable): what to draw
 * @context: the Pango context of the widget it is for
 *
 * Prepares everything needed to draw @trace.  With a %NULL trace the plot
 * shows "No network yet"; a kind without a drawing shows a short note.
 *
 * Returns: (transfer full): the plot, which holds a reference on @trace.
 */
MdkBehaviourPlot *
mdk_behaviour_plot_new (MdkTrace     *trace,
                        PangoContext *context)
{
  MdkBehaviourPlot *plot;
  const Drawing *drawing;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  plot = g_new0 (MdkBehaviourPlot, 1);
  if (trace == NULL)
    {
      plot->drawing = &message_drawing;
      plot->data = message_new (_("No network yet"), context);
      return plot;
    }

  plot->trace = mdk_trace_ref (trace);
  drawing = lookup_drawing (trace->kind);
  if (drawing == NULL || !trace_is_drawable (trace))
    {
      if (drawing != NULL)
        g_warning ("A trace of kind %d lacks the data its kind needs", trace->kind);
      plot->drawing = &message_drawing;
      plot->data = message_new (_("This task cannot show its behaviour"), context);
      return plot;
    }

  plot->drawing = drawing;
  plot->data = drawing->prepare (trace, context);
  if (trace->kind == MDK_TRACE_CART_POLE)
    plot->n_frames = trace->n_rows;
  return plot;
}

void
mdk_behaviour_plot_free (MdkBehaviourPlot *plot)
{
  if (plot == NULL)
    return;
  plot->drawing->free_data (plot->data);
  g_clear_pointer (&plot->trace, mdk_trace_unref);
  g_clear_pointer (&plot->behaviours, g_array_unref);
  g_clear_pointer (&plot->archive, g_array_unref);
  g_free (plot);
}

MdkTrace *
mdk_behaviour_plot_get_trace (const MdkBehaviourPlot *plot)
{
  g_return_val_if_fail (plot != NULL, NULL);

  return plot->trace;
}

/**
 * mdk_behaviour_plot_draw:
 * @plot: a plot
 * @cr: where to draw, with the origin at the top left of the area
 * @width: the area's width in pixels
 * @height: its height
 * @fg: the foreground (text) colour of the theme
 *
 * Draws @plot into the area; nothing outside it is touched except by
 * anti-aliasing.  Only places prepared things: cheap enough for every
 * frame.
 */
void
mdk_behaviour_plot_draw (const MdkBehaviourPlot *plot,
                         cairo_t                *cr,
                         double                  width,
                         double                  height,
                         const GdkRGBA          *fg)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (cr != NULL && fg != NULL);

  if (width < 1 || height < 1)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  plot->drawing->draw (plot, cr, width, height, fg);
  cairo_restore (cr);
}

gboolean
mdk_behaviour_plot_accepts_points (const MdkBehaviourPlot *plot)
{
  g_return_val_if_fail (plot != NULL, FALSE);

  return plot->drawing->accepts_points;
}

gboolean
mdk_behaviour_plot_to_task (const MdkBehaviourPlot *plot,
                            double                  width,
                            double                  height,
                            double                  wx,
                            double                  wy,
                            double                 *x,
                            double                 *y)
{
  const Axes *axes;
  Frame f;

  g_return_val_if_fail (plot != NULL, FALSE);

  if (plot->drawing->get_axes == NULL || (axes = plot->drawing->get_axes (plot)) == NULL)
    return FALSE;
  axes_frame (axes, width, height, &f);
  if (wx < f.x || wx > f.x + f.side || wy < f.y || wy > f.y + f.side)
    return FALSE;
  if (x != NULL)
    *x = axes->x_lo + (wx - f.x) / f.side * (axes->x_hi - axes->x_lo);
  if (y != NULL)
    *y = axes->y_hi - (wy - f.y) / f.side * (axes->y_hi - axes->y_lo);
  return TRUE;
}

gboolean
mdk_behaviour_plot_from_task (const MdkBehaviourPlot *plot,
                              double                  width,
                              double                  height,
                              double                  x,
                              double                  y,
                              double                 *wx,
                              double                 *wy)
{
  const Axes *axes;
  Frame f;

  g_return_val_if_fail (plot != NULL, FALSE);

  if (plot->drawing->kind == MDK_TRACE_MAZE && plot->trace != NULL)
    return maze_from_task (plot, width, height, x, y, wx, wy);
  if (plot->drawing->get_axes == NULL || (axes = plot->drawing->get_axes (plot)) == NULL)
    return FALSE;
  axes_frame (axes, width, height, &f);
  if (wx != NULL)
    *wx = axes_map_x (axes, &f, x);
  if (wy != NULL)
    *wy = axes_map_y (axes, &f, y);
  return x >= axes->x_lo && x <= axes->x_hi && y >= axes->y_lo && y <= axes->y_hi;
}

/**
 * mdk_behaviour_plot_get_n_frames:
 * @plot: a plot
 *
 * Returns: the number of frames of an animated plot (a pole-balancing
 *   episode), 0 for a still one.
 */
guint
mdk_behaviour_plot_get_n_frames (const MdkBehaviourPlot *plot)
{
  g_return_val_if_fail (plot != NULL, 0);

  return plot->n_frames;
}

/**
 * mdk_behaviour_plot_set_frame:
 * @plot: a plot
 * @frame: the frame to draw, clamped to the last
 *
 * Picks the frame of an animated plot that mdk_behaviour_plot_draw ()
 * draws; nothing for a still plot.
 */
void
mdk_behaviour_plot_set_frame (MdkBehaviourPlot *plot,
                              guint             frame)
{
  g_return_if_fail (plot != NULL);

  if (plot->n_frames > 0)
    plot->frame = MIN (frame, plot->n_frames - 1);
}

guint
mdk_behaviour_plot_get_frame (const MdkBehaviourPlot *plot)
{
  g_return_val_if_fail (plot != NULL, 0);

  return plot->frame;
}

/* A reference to @array (NULL: none) in @slot, @dims numbers per item. */
static void
keep_array (GArray **slot,
            guint   *slot_dims,
            GArray  *array,
            guint    dims)
{
  if (array != NULL)
    g_array_ref (array);
  g_clear_pointer (slot, g_array_unref);
  *slot = array;
  *slot_dims = array != NULL ? dims : 0;
}

/**
 * mdk_behaviour_plot_set_behaviours:
 * @plot: a plot
 * @behaviours: (nullable): a generation's behaviour descriptors, doubles,
 *   @n_behaviour per genome (an MdkReport's), or %NULL for none
 * @n_behaviour: the numbers per genome
 *
 * Gives the plot what the other genomes of the generation did, for the
 * kinds that show it (a maze shows where each robot ended).  The plot keeps
 * a reference; the array must not change.
 */
void
mdk_behaviour_plot_set_behaviours (MdkBehaviourPlot *plot,
                                   GArray           *behaviours,
                                   guint             n_behaviour)
{
  g_return_if_fail (plot != NULL);

  keep_array (&plot->behaviours, &plot->n_behaviour, behaviours, n_behaviour);
}

/**
 * mdk_behaviour_plot_set_archive:
 * @plot: a plot
 * @archive: (nullable): novelty search's archive, doubles, @dims per
 *   behaviour (an MdkReport's), or %NULL for none
 * @dims: the numbers per behaviour
 *
 * The behaviours novelty search has kept, for the kinds that show them (a
 * maze marks where each archived robot ended).  The plot keeps a reference;
 * the array must not change.
 */
void
mdk_behaviour_plot_set_archive (MdkBehaviourPlot *plot,
                                GArray           *archive,
                                guint             dims)
{
  g_return_if_fail (plot != NULL);

  keep_array (&plot->archive, &plot->archive_dims, archive, dims);
}
