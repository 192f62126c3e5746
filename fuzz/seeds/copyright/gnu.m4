dnl Copyright (C) 1996-2021 Free Software Foundation, Inc.
dnl This file is part of the foo build scripts.
dnl serial 3

@c Copyright @copyright{} 2020 Free Software Foundation, Inc.
    Copyright (C) <year>  <name of author>
 Copyright (C) 1989, 1991 Free Software Foundation, Inc.,
 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA
