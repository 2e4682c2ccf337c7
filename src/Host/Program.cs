System.Console.WriteLine("nightshift");
