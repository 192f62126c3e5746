# -*- coding: utf-8 -*-
# SPDX-FileCopyrightText: 2019 Jane Doe <jane@example.org>
"""Foo: a library.

Copyright (c) 2019-2021 Jane Doe and others.
"""
__copyright__ = '2019, Jane Doe'
copyright = u'2019-2020, The Sphinx Team'
copyright = get_copyright()
print("Copyright (C) 2020 Foo Software\n")
