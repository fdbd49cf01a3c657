/* Drawing a maze trace: walls, goal, start, the robot's path, and dots
 * where a generation's robots ended.  The map keeps its proportions and its
 * orientation (y grows downwards, as the authors draw their maps). */
#define G_LOG_DOMAIN "medaka-draw"

#include "config.h"

#include "mdk-maze-draw.h"

#include <math.h>

#include "mdk-behaviour-space.h"

/* GNOME palette: green 5 for the goal, blue 3 for the path, orange 5 for
 * the generation's end points. */
#define GOAL_RGB 0x26A269
#define PATH_RGB 0x3584E4
#define DOT_RGB  0xE66100
#define DOT_RADIUS 2.5        /* pixels */
#define PAD 8.0               /* pixels around the map */

/* values2 of MDK_TRACE_MAZE (mdk-trace.h). */
enum
{
  START_X,
  START_Y,
  START_HEADING,
  GOAL_X,
  GOAL_Y,
  GOAL_RADIUS,
  ROBOT_RADIUS,
  N_INFO
};

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static void
set_fg (cairo_t       *cr,
        const MdkRGBA *fg,
        double         alpha)
{
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * alpha);
}

/**
 * mdk_maze_trace_is_valid:
 *
 * Returns: whether @trace holds everything MDK_TRACE_MAZE promises, so that
 *   drawing it reads no further than its arrays.
 */
gboolean
mdk_maze_trace_is_valid (const MdkTrace *trace)
{
  return trace->kind == MDK_TRACE_MAZE && trace->n_points > 0 && trace->points != NULL &&
         trace->n_cols == 3 && trace->n_rows > 0 && trace->values != NULL &&
         trace->values2 != NULL && trace->x1 > trace->x0 && trace->y1 > trace->y0;
}

double
mdk_maze_trace_end_distance (const MdkTrace *trace,
                             gboolean       *reached)
{
  const double *last = &trace->values[3 * (trace->n_rows - 1)];
  double distance = hypot (last[0] - trace->values2[GOAL_X], last[1] - trace->values2[GOAL_Y]);

  if (reached != NULL)
    *reached = distance < trace->values2[GOAL_RADIUS];
  return distance;
}

/* The part of the map to show: the walls, the start and the goal. */
static void
map_extent (const MdkTrace *trace,
            double         *x0,
            double         *y0,
            double         *x1,
            double         *y1)
{
  const double *info = trace->values2;
  double margin = info[ROBOT_RADIUS];

  *x0 = MIN (trace->x0, MIN (info[START_X], info[GOAL_X]) - margin);
  *x1 = MAX (trace->x1, MAX (info[START_X], info[GOAL_X]) + margin);
  *y0 = MIN (trace->y0, MIN (info[START_Y], info[GOAL_Y]) - margin);
  *y1 = MAX (trace->y1, MAX (info[START_Y], info[GOAL_Y]) + margin);
}

void
mdk_maze_geometry (const MdkTrace  *trace,
                   double           width,
                   double           height,
                   MdkMazeGeometry *geometry)
{
  double x0, y0, x1, y1;

  map_extent (trace, &x0, &y0, &x1, &y1);
  geometry->scale = MAX (0.0, MIN ((width - 2 * PAD) / (x1 - x0), (height - 2 * PAD) / (y1 - y0)));
  geometry->x_low = x0;
  geometry->y_low = y0;
  geometry->width = geometry->scale * (x1 - x0);
  geometry->height = geometry->scale * (y1 - y0);
  geometry->x_origin = (width - geometry->width) / 2;
  geometry->y_origin = (height - geometry->height) / 2;
}

void
mdk_maze_to_pixels (const MdkMazeGeometry *geometry,
                    double                 x,
                    double                 y,
                    double                *px,
                    double                *py)
{
  *px = geometry->x_origin + geometry->scale * (x - geometry->x_low);
  *py = geometry->y_origin + geometry->scale * (y - geometry->y_low);
}

static void
draw_walls (cairo_t               *cr,
            const MdkTrace        *trace,
            const MdkMazeGeometry *g,
            const MdkRGBA         *fg)
{
  for (guint i = 0; i < trace->n_points; i++)
    {
      const double *w = &trace->points[4 * i];
      double ax, ay, bx, by;

      mdk_maze_to_pixels (g, w[0], w[1], &ax, &ay);
      mdk_maze_to_pixels (g, w[2], w[3], &bx, &by);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
    }
  set_fg (cr, fg, 0.85);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

/* An isosceles triangle at (@x, @y) pointing along @heading (degrees). */
static void
heading_triangle (cairo_t *cr,
                  double   x,
                  double   y,
                  double   heading,
                  double   size)
{
  double a = heading * G_PI / 180.0;

  cairo_move_to (cr, x + cos (a) * size, y + sin (a) * size);
  cairo_line_to (cr, x + cos (a + 2.5) * size * 0.7, y + sin (a + 2.5) * size * 0.7);
  cairo_line_to (cr, x + cos (a - 2.5) * size * 0.7, y + sin (a - 2.5) * size * 0.7);
  cairo_close_path (cr);
}

static void
draw_goal_and_start (cairo_t               *cr,
                     const MdkTrace        *trace,
                     const MdkMazeGeometry *g,
                     const MdkRGBA         *fg)
{
  const double *info = trace->values2;
  double size = MAX (5.0, info[ROBOT_RADIUS] * g->scale);
  double x, y;

  mdk_maze_to_pixels (g, info[GOAL_X], info[GOAL_Y], &x, &y);
  cairo_arc (cr, x, y, MAX (3.0, info[GOAL_RADIUS] * g->scale), 0, 2 * G_PI);
  set_rgb (cr, GOAL_RGB, 0.35);
  cairo_fill_preserve (cr);
  set_rgb (cr, GOAL_RGB, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  cairo_arc (cr, x, y, 1.5, 0, 2 * G_PI);
  cairo_fill (cr);

  mdk_maze_to_pixels (g, info[START_X], info[START_Y], &x, &y);
  heading_triangle (cr, x, y, info[START_HEADING], size);
  set_fg (cr, fg, 0.5);
  cairo_fill (cr);
}

static void
draw_dots (cairo_t               *cr,
           const MdkTrace        *trace,
           const MdkMazeGeometry *g,
           const double          *dots,
           guint                  n_dots,
           guint                  stride)
{
  for (guint i = 0; i < n_dots; i++)
    {
      double x = trace->x0 + dots[i * stride] * (trace->x1 - trace->x0);
      double y = trace->y0 + dots[i * stride + 1] * (trace->y1 - trace->y0);
      double px, py;

      mdk_maze_to_pixels (g, x, y, &px, &py);
      cairo_new_sub_path (cr);
      cairo_arc (cr, px, py, DOT_RADIUS, 0, 2 * G_PI);
    }
  set_rgb (cr, DOT_RGB, 0.55);
  cairo_fill (cr);
}

static void
draw_path (cairo_t               *cr,
           const MdkTrace        *trace,
           const MdkMazeGeometry *g)
{
  const double *last = &trace->values[3 * (trace->n_rows - 1)];
  double x, y;

  for (guint i = 0; i < trace->n_rows; i++)
    {
      mdk_maze_to_pixels (g, trace->values[3 * i], trace->values[3 * i + 1], &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  set_rgb (cr, PATH_RGB, 0.9);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  /* The robot where it ended, at its size, facing its last heading. */
  mdk_maze_to_pixels (g, last[0], last[1], &x, &y);
  cairo_arc (cr, x, y, MAX (3.0, trace->values2[ROBOT_RADIUS] * g->scale), 0, 2 * G_PI);
  set_rgb (cr, PATH_RGB, 0.25);
  cairo_fill_preserve (cr);
  set_rgb (cr, PATH_RGB, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  heading_triangle (cr, x, y, last[2], MAX (3.0, trace->values2[ROBOT_RADIUS] * g->scale));
  cairo_fill (cr);
}

/**
 * mdk_maze_draw:
 * @cr: where to draw
 * @trace: a valid maze trace (mdk_maze_trace_is_valid ())
 * @geometry: from mdk_maze_geometry () for the area
 * @fg: the colour of walls and the start
 *
 * Draws, bottom to top: the dots, the walls, the path and the robot at its
 * end, the start and the goal (which stay visible under the robot).
 */
void
mdk_maze_draw (cairo_t               *cr,
               const MdkTrace        *trace,
               const MdkMazeGeometry *geometry,
               const double          *dots,
               guint                  n_dots,
               guint                  stride,
               const MdkRGBA         *fg)
{
  g_return_if_fail (mdk_maze_trace_is_valid (trace));
  g_return_if_fail (dots == NULL || stride >= 2);

  cairo_save (cr);
  if (dots != NULL)
    draw_dots (cr, trace, geometry, dots, n_dots, stride);
  draw_walls (cr, trace, geometry, fg);
  draw_path (cr, trace, geometry);
  draw_goal_and_start (cr, trace, geometry, fg);
  cairo_restore (cr);
}

void
mdk_maze_draw_archive (cairo_t               *cr,
                       const MdkTrace        *trace,
                       const MdkMazeGeometry *geometry,
                       const double          *points,
                       guint                  n_points,
                       guint                  stride)
{
  g_return_if_fail (mdk_maze_trace_is_valid (trace));
  g_return_if_fail (stride >= 2);

  for (guint i = 0; i < n_points; i++)
    {
      double px, py;

      mdk_maze_to_pixels (geometry, trace->x0 + points[i * stride] * (trace->x1 - trace->x0),
                          trace->y0 + points[i * stride + 1] * (trace->y1 - trace->y0), &px, &py);
      mdk_behaviour_space_add_archive_mark (cr, px, py);
    }
  mdk_behaviour_space_fill_archive (cr);
}
