//go:build !unix

package userfs

const nonBlock = 0
