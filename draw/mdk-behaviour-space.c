/* mdk-behaviour-space.c: the behaviour square, its map and its dots
 *
 * The second number grows downwards, as the maze's y does, so that the
 * square of a maze run looks like the maze. */
#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-behaviour-space.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-param.h"
#include "mdk-write.h"

struct _MdkBehaviourSpace
{
  MdkEliteMap          *map;
  GArray               *archive;
  guint                 archive_dims;
  GArray               *population;
  guint                 population_dims;
  MdkRGBA               fg;
  MdkRGBA               bg;
  gboolean              has_bg;
  PangoFontDescription *font;
};

/* Orange dots for the generation, as the maze view draws where its robots
 * ended; purple squares for the archive (the maze's path is blue, its goal
 * green). */
static const MdkRGBA color_population = { 0.902, 0.380, 0.0, 0.55 };
static const MdkRGBA color_archive = { 0.569, 0.255, 0.675, 1.0 };   /* #9141ac */

#define ARCHIVE_MARK 4.0

/* Viridis (van der Walt & Smith), sampled at six stops: dark is low
 * fitness, yellow high, readable in grey and by most colour-blind eyes. */
static const double viridis[][3] = {
  { 0.267, 0.004, 0.329 }, { 0.255, 0.267, 0.529 }, { 0.165, 0.471, 0.557 },
  { 0.133, 0.659, 0.518 }, { 0.478, 0.820, 0.318 }, { 0.992, 0.906, 0.145 },
};

#define DOT_RADIUS 2.5
#define BAR_WIDTH  14

MdkBehaviourSpace *
mdk_behaviour_space_new (void)
{
  MdkBehaviourSpace *self = g_new0 (MdkBehaviourSpace, 1);

  self->fg = (MdkRGBA) { 0.12, 0.12, 0.13, 1 };
  return self;
}

void
mdk_behaviour_space_free (MdkBehaviourSpace *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->map, mdk_elite_map_unref);
  g_clear_pointer (&self->archive, g_array_unref);
  g_clear_pointer (&self->population, g_array_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self);
}

void
mdk_behaviour_space_set_map (MdkBehaviourSpace *self,
                             MdkEliteMap       *map)
{
  if (map != NULL)
    mdk_elite_map_ref (map);
  g_clear_pointer (&self->map, mdk_elite_map_unref);
  self->map = map;
}

static void
set_points (GArray **slot,
            guint   *slot_dims,
            GArray  *points,
            guint    dims)
{
  if (points != NULL)
    g_array_ref (points);
  g_clear_pointer (slot, g_array_unref);
  *slot = dims >= 2 ? points : NULL;
  *slot_dims = dims;
  if (dims < 2 && points != NULL)
    g_array_unref (points);
}

void
mdk_behaviour_space_set_archive (MdkBehaviourSpace *self,
                                 GArray            *points,
                                 guint              dims)
{
  set_points (&self->archive, &self->archive_dims, points, dims);
}

void
mdk_behaviour_space_set_population (MdkBehaviourSpace *self,
                                    GArray            *points,
                                    guint              dims)
{
  set_points (&self->population, &self->population_dims, points, dims);
}

void
mdk_behaviour_space_set_colors (MdkBehaviourSpace *self,
                                const MdkRGBA     *foreground,
                                const MdkRGBA     *background)
{
  self->fg = *foreground;
  self->has_bg = background != NULL;
  if (background != NULL)
    self->bg = *background;
}

void
mdk_behaviour_space_set_font (MdkBehaviourSpace          *self,
                              const PangoFontDescription *font)
{
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
}

static guint
count_points (GArray *points,
              guint   dims)
{
  return points != NULL ? points->len / dims : 0;
}

guint
mdk_behaviour_space_get_n_archive (MdkBehaviourSpace *self)
{
  return count_points (self->archive, self->archive_dims);
}

guint
mdk_behaviour_space_get_n_population (MdkBehaviourSpace *self)
{
  return count_points (self->population, self->population_dims);
}

MdkEliteMap *
mdk_behaviour_space_get_map (MdkBehaviourSpace *self)
{
  return self->map;
}

GArray *
mdk_behaviour_space_get_archive (MdkBehaviourSpace *self,
                                 guint             *dims)
{
  *dims = self->archive_dims;
  return self->archive;
}

gboolean
mdk_behaviour_space_has_data (MdkBehaviourSpace *self)
{
  return (self->map != NULL && self->map->filled > 0) ||
         mdk_behaviour_space_get_n_archive (self) > 0 ||
         mdk_behaviour_space_get_n_population (self) > 0;
}

/* Drawing */

static void
set_color (cairo_t       *cr,
           const MdkRGBA *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
set_viridis (cairo_t *cr,
             double   t)
{
  double x = CLAMP (t, 0.0, 1.0) * (G_N_ELEMENTS (viridis) - 1);
  guint i = MIN ((guint) x, G_N_ELEMENTS (viridis) - 2);
  double f = x - i;

  cairo_set_source_rgb (cr, viridis[i][0] + f * (viridis[i + 1][0] - viridis[i][0]),
                        viridis[i][1] + f * (viridis[i + 1][1] - viridis[i][1]),
                        viridis[i][2] + f * (viridis[i + 1][2] - viridis[i][2]));
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           int         *width,
           int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       align)   /* 0 left, 0.5 centred, 1 right of x */
{
  int w, h;

  text_size (layout, text, &w, &h);
  cairo_move_to (cr, round (x - align * w), round (y));
  pango_cairo_show_layout (cr, layout);
}

void
mdk_behaviour_space_add_archive_mark (cairo_t *cr,
                                      double   x,
                                      double   y)
{
  cairo_rectangle (cr, x - ARCHIVE_MARK / 2, y - ARCHIVE_MARK / 2, ARCHIVE_MARK, ARCHIVE_MARK);
}

void
mdk_behaviour_space_fill_archive (cairo_t *cr)
{
  set_color (cr, &color_archive, 0.9);
  cairo_fill (cr);
}

/* Dots for the generation, squares for the archive. */
static void
draw_points (cairo_t  *cr,
             GArray   *points,
             guint     dims,
             gboolean  archive,
             double    x0,
             double    y0,
             double    side)
{
  for (guint i = 0; points != NULL && i + dims <= points->len; i += dims)
    {
      double bx = g_array_index (points, double, i), by = g_array_index (points, double, i + 1);
      double px = x0 + CLAMP (bx, 0.0, 1.0) * side, py = y0 + CLAMP (by, 0.0, 1.0) * side;

      if (!isfinite (bx) || !isfinite (by))
        continue;
      if (archive)
        mdk_behaviour_space_add_archive_mark (cr, px, py);
      else
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, px, py, DOT_RADIUS, 0, 2 * G_PI);
        }
    }
  if (archive)
    mdk_behaviour_space_fill_archive (cr);
  else
    {
      set_color (cr, &color_population, 1.0);
      cairo_fill (cr);
    }
}

/* The cells. */
static void
draw_map (cairo_t           *cr,
          const MdkEliteMap *map,
          double             x0,
          double             y0,
          double             side)
{
  double lo, hi, cell = side / map->bins;

  if (!mdk_elite_map_range (map, &lo, &hi))
    return;
  for (guint j = 0; j < map->bins; j++)
    for (guint i = 0; i < map->bins; i++)
      {
        double f = map->fitness[(gsize) j * map->bins + i];

        if (isnan (f))
          continue;
        set_viridis (cr, hi > lo ? (f - lo) / (hi - lo) : 1.0);
        /* Overlapping by a hair, so no seams show between cells. */
        cairo_rectangle (cr, x0 + i * cell, y0 + j * cell, cell + 0.5, cell + 0.5);
        cairo_fill (cr);
      }
}

typedef struct
{
  const MdkRGBA *dot;          /* NULL: the colour bar */
  char          *text;
} LegendItem;

static char *
format_number (double value)
{
  return g_strdup_printf ("%.6g", value);
}

void
mdk_behaviour_space_draw (MdkBehaviourSpace *self,
                          cairo_t           *cr,
                          int                width,
                          int                height)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  int line_w, line_h, pad, label_w = 0, legend_w = 0, left, top, bottom, right;
  double side, x0, y0;
  LegendItem items[3];
  guint n_items = 0;
  double lo = 0, hi = 0;
  gboolean map_range = self->map != NULL && mdk_elite_map_range (self->map, &lo, &hi);
  g_autofree char *lo_text = NULL, *hi_text = NULL, *stats_text = NULL;
  static const char * const ticks[] = { "0", "0.5", "1" };

  if (self->font != NULL)
    pango_layout_set_font_description (layout, self->font);
  if (self->has_bg)
    {
      set_color (cr, &self->bg, 1.0);
      cairo_paint (cr);
    }
  text_size (layout, "0", &line_w, &line_h);
  pad = MAX (4, line_h / 2);

  set_color (cr, &self->fg, 1.0);
  draw_text (cr, layout, _("Behaviour space"), pad, pad, 0.0);
  if (!mdk_behaviour_space_has_data (self))
    {
      set_color (cr, &self->fg, 0.6);
      draw_text (cr, layout, _("No behaviours yet: a run of a task that describes behaviour shows "
                               "them here"), width / 2.0, height / 2.0 - line_h / 2.0, 0.5);
      g_object_unref (layout);
      return;
    }

  /* The legend: what is drawn, with counts. */
  if (self->population != NULL)
    items[n_items++] = (LegendItem) { &color_population,
      g_strdup_printf (_("Last generation (%u)"), mdk_behaviour_space_get_n_population (self)) };
  if (self->archive != NULL)
    items[n_items++] = (LegendItem) { &color_archive,
      g_strdup_printf (_("Novelty archive (%u)"), mdk_behaviour_space_get_n_archive (self)) };
  if (map_range)
    {
      g_autofree char *qd = format_number (self->map->qd_score);

      items[n_items++] = (LegendItem) { NULL, g_strdup (_("Elites’ fitness")) };
      lo_text = format_number (lo);
      hi_text = format_number (hi);
      /* TRANSLATORS: the map's coverage (a percentage) and its QD-score */
      stats_text = g_strdup_printf (_("Coverage %.1f %%, QD-score %s"), 100 * self->map->coverage, qd);
    }
  for (guint i = 0; i < n_items; i++)
    {
      int w, h;

      text_size (layout, items[i].text, &w, &h);
      legend_w = MAX (legend_w, w + 2 * pad);
    }
  if (stats_text != NULL)
    {
      int w, h;

      text_size (layout, stats_text, &w, &h);
      legend_w = MAX (legend_w, w);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    {
      int w, h;

      text_size (layout, ticks[i], &w, &h);
      label_w = MAX (label_w, w);
    }

  top = 2 * pad + line_h;
  bottom = pad + 2 * line_h + pad;
  left = pad + line_h + pad + label_w + 6;
  right = pad + legend_w + 2 * pad;
  side = MAX (10.0, MIN (width - left - right, height - top - bottom));
  x0 = left;
  y0 = top + MAX (0.0, (height - top - bottom - side) / 2);

  /* The square, its map and its dots. */
  if (map_range)
    draw_map (cr, self->map, x0, y0, side);
  set_color (cr, &self->fg, 0.12);
  for (guint k = 1; k < 4; k++)
    {
      cairo_move_to (cr, x0 + k * side / 4, y0);
      cairo_line_to (cr, x0 + k * side / 4, y0 + side);
      cairo_move_to (cr, x0, y0 + k * side / 4);
      cairo_line_to (cr, x0 + side, y0 + k * side / 4);
    }
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  draw_points (cr, self->population, self->population_dims, FALSE, x0, y0, side);
  draw_points (cr, self->archive, self->archive_dims, TRUE, x0, y0, side);
  set_color (cr, &self->fg, 0.8);
  cairo_rectangle (cr, x0 + 0.5, y0 + 0.5, side - 1, side - 1);
  cairo_stroke (cr);

  /* Ticks at 0, ½ and 1, and the axes' names. */
  set_color (cr, &self->fg, 1.0);
  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    {
      double t = i / 2.0;

      draw_text (cr, layout, ticks[i], x0 + t * side, y0 + side + 3, 0.5);
      draw_text (cr, layout, ticks[i], x0 - 6, y0 + t * side - line_h / 2.0, 1.0);
    }
  draw_text (cr, layout, _("Behaviour 1"), x0 + side / 2, y0 + side + 3 + line_h, 0.5);
  cairo_save (cr);
  cairo_translate (cr, pad, y0 + side / 2);
  cairo_rotate (cr, -G_PI / 2);
  draw_text (cr, layout, _("Behaviour 2"), 0, 0, 0.5);
  cairo_restore (cr);

  /* The legend beside the square. */
  {
    double lx = x0 + side + 2 * pad, ly = y0;

    for (guint i = 0; i < n_items; i++)
      {
        if (items[i].dot != NULL)
          {
            if (items[i].dot == &color_archive)
              {
                mdk_behaviour_space_add_archive_mark (cr, lx + DOT_RADIUS + 1, ly + line_h / 2.0);
                mdk_behaviour_space_fill_archive (cr);
              }
            else
              {
                set_color (cr, items[i].dot, 1.0);
                cairo_arc (cr, lx + DOT_RADIUS + 1, ly + line_h / 2.0, DOT_RADIUS + 1, 0, 2 * G_PI);
                cairo_fill (cr);
              }
            set_color (cr, &self->fg, 1.0);
            draw_text (cr, layout, items[i].text, lx + 2 * pad, ly, 0.0);
            ly += line_h + pad;
            continue;
          }
        /* The colour bar: high at the top. */
        set_color (cr, &self->fg, 1.0);
        draw_text (cr, layout, items[i].text, lx, ly, 0.0);
        ly += line_h + pad / 2;
        {
          double bar_h = MAX (3.0 * line_h, MIN (side / 2, side - (ly - y0) - 2 * line_h));

          for (int py = 0; py < (int) bar_h; py++)
            {
              set_viridis (cr, 1.0 - py / bar_h);
              cairo_rectangle (cr, lx, ly + py, BAR_WIDTH, 1.5);
              cairo_fill (cr);
            }
          set_color (cr, &self->fg, 1.0);
          draw_text (cr, layout, hi_text, lx + BAR_WIDTH + pad, ly - 2, 0.0);
          draw_text (cr, layout, lo_text, lx + BAR_WIDTH + pad, ly + bar_h - line_h + 2, 0.0);
          ly += bar_h + pad;
        }
        draw_text (cr, layout, stats_text, lx, ly, 0.0);
        ly += line_h + pad;
      }
  }
  for (guint i = 0; i < n_items; i++)
    g_free (items[i].text);
  g_object_unref (layout);
}

static void
append_points (GString    *csv,
               const char *kind,
               GArray     *points,
               guint       dims)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; points != NULL && i + dims <= points->len; i += dims)
    g_string_append_printf (csv, "%s,%s,%s,\n", kind,
                            mdk_format_double (x, sizeof x, g_array_index (points, double, i)),
                            mdk_format_double (y, sizeof y, g_array_index (points, double, i + 1)));
}

char *
mdk_behaviour_space_to_csv (MdkBehaviourSpace *self)
{
  GString *csv = g_string_new ("kind,x,y,fitness\n");
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], f[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint j = 0; self->map != NULL && j < self->map->bins; j++)
    for (guint i = 0; i < self->map->bins; i++)
      {
        double fitness = self->map->fitness[(gsize) j * self->map->bins + i];

        if (isnan (fitness))
          continue;
        g_string_append_printf (csv, "cell,%s,%s,%s\n",
                                mdk_format_double (x, sizeof x, (double) i / self->map->bins),
                                mdk_format_double (y, sizeof y, (double) j / self->map->bins),
                                mdk_format_double (f, sizeof f, fitness));
      }
  append_points (csv, "archive", self->archive, self->archive_dims);
  append_points (csv, "population", self->population, self->population_dims);
  return g_string_free (csv, FALSE);
}

static void
draw_page (cairo_t  *cr,
           int       width,
           int       height,
           gpointer  data)
{
  mdk_behaviour_space_draw (data, cr, width, height);
}

gboolean
mdk_behaviour_space_write (MdkBehaviourSpace  *self,
                           GFile              *file,
                           const char         *format,
                           int                 width,
                           int                 height,
                           GError            **error)
{
  /* A document in dark ink on white paper, whatever the theme: a copy
   * that shares the data. */
  MdkBehaviourSpace paper = *self;

  if (g_strcmp0 (format, "csv") == 0)
    {
      g_autofree char *csv = mdk_behaviour_space_to_csv (self);
      return mdk_write_text (file, csv, error);
    }
  paper.fg = (MdkRGBA) { 0.12, 0.12, 0.13, 1 };
  paper.bg = (MdkRGBA) { 1, 1, 1, 1 };
  paper.has_bg = TRUE;
  return mdk_write_drawing (file, format, width, height, _("Behaviour space"), draw_page, &paper, error);
}
