/* SPDX-License-Identifier: MIT */
// SPDX-FileCopyrightText: 2020 A <a@b>
